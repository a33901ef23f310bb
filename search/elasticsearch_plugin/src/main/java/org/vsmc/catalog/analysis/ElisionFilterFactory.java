package org.vsmc.catalog.analysis;

import java.util.List;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;

/**
 * {@code elision}: "l'atelier" is read as "atelier", so a French search for "atelier" finds a title that writes it
 * with its article (the standard tokenizer keeps an apostrophe between letters inside one token).
 *
 * <p>Settings as analysis-common's: {@code articles} (required inline list) and {@code articles_case} (whether the
 * articles match ignoring case). Lucene's filter handles both the straight and the typographic apostrophe.
 */
final class ElisionFilterFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {

    private final CharArraySet articles;

    ElisionFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        super(name, settings);
        List<String> listed = settings.getAsList("articles", null);
        if (listed == null || listed.isEmpty()) {
            throw new IllegalArgumentException("elision filter [" + name + "] requires an [articles] list");
        }
        this.articles = new CharArraySet(listed, settings.getAsBoolean("articles_case", false));
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ElisionFilter(tokenStream, articles);
    }
}
