package org.vsmc.catalog.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;
import java.util.function.Function;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;

/**
 * {@code synonym_graph} with inline Solr-format rules ({@code synonyms}, {@code expand}, {@code lenient}).
 *
 * <p>Rules are read through the tokenizer and filters that precede this filter in its analyzer, so a rule
 * written "gestión" meets the folded token "gestion". Elasticsearch hands that chain over through
 * {@link #getChainAwareTokenFilterFactory}, which returns the factory that actually filters.
 */
final class SynonymGraphFilterFactory extends AbstractTokenFilterFactory {

    private final List<String> rules;
    private final boolean expand;
    private final boolean lenient;

    SynonymGraphFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        super(name, settings);
        for (String unsupported : List.of("synonyms_path", "synonyms_set")) {
            if (settings.get(unsupported) != null) {
                throw new IllegalArgumentException(
                    "synonym_graph filter [" + name + "]: [" + unsupported + "] is not supported by the "
                        + "catalog-analysis plugin; list the rules inline in [synonyms]"
                );
            }
        }
        String format = settings.get("format", "solr");
        if ("solr".equals(format) == false) {
            throw new IllegalArgumentException(
                "synonym_graph filter [" + name + "]: format [" + format + "] is not supported by the "
                    + "catalog-analysis plugin; only [solr] rules are"
            );
        }
        if (settings.keySet().contains("synonyms") == false) {
            throw new IllegalArgumentException("synonym_graph filter [" + name + "] requires [synonyms], a list of rules");
        }
        this.rules = settings.getAsList("synonyms");
        this.expand = settings.getAsBoolean("expand", true);
        this.lenient = settings.getAsBoolean("lenient", false);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        throw new IllegalStateException(
            "synonym_graph filter [" + name() + "] filters only once its analyzer's chain has been given to it"
        );
    }

    @Override
    public TokenFilterFactory getChainAwareTokenFilterFactory(
        IndexCreationContext context,
        TokenizerFactory tokenizer,
        List<CharFilterFactory> charFilters,
        List<TokenFilterFactory> previousTokenFilters,
        Function<String, TokenFilterFactory> allFilters
    ) {
        TokenFilterFactory[] chain = previousTokenFilters.stream()
            .map(TokenFilterFactory::getSynonymFilter)
            .toArray(TokenFilterFactory[]::new);
        SynonymMap synonyms;
        try (Analyzer ruleAnalyzer = new CustomAnalyzer(tokenizer, charFilters.toArray(new CharFilterFactory[0]), chain)) {
            synonyms = parse(ruleAnalyzer);
        }
        String filterName = name();
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return filterName;
            }

            @Override
            public TokenStream create(TokenStream tokenStream) {
                // An empty map (every rule dropped as lenient) would make Lucene's filter refuse to build.
                return synonyms.fst == null ? tokenStream : new SynonymGraphFilter(tokenStream, synonyms, false);
            }

            /** A later synonym filter reads its rules without applying these synonyms to them. */
            @Override
            public TokenFilterFactory getSynonymFilter() {
                return IDENTITY_FILTER;
            }
        };
    }

    @Override
    public TokenFilterFactory getSynonymFilter() {
        return IDENTITY_FILTER;
    }

    private SynonymMap parse(Analyzer ruleAnalyzer) {
        RuleParser parser = new RuleParser(expand, lenient, ruleAnalyzer);
        try {
            parser.parse(new StringReader(String.join("\n", rules)));
            return parser.build();
        } catch (ParseException | IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "synonym_graph filter [" + name() + "]: failed to build synonyms: " + e.getMessage(), e
            );
        }
    }

    /**
     * Lucene's Solr-format parser; when lenient, a term the chain turns into nothing (a stop word, say) drops
     * the pairs it belongs to instead of failing the whole index.
     */
    private static final class RuleParser extends SolrSynonymParser {

        private final boolean lenient;

        RuleParser(boolean expand, boolean lenient, Analyzer analyzer) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                if (lenient) {
                    return new CharsRef();
                }
                throw e;
            }
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient && (input.length == 0 || output.length == 0)) {
                return;
            }
            super.add(input, output, includeOrig);
        }
    }
}
