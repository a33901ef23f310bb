package org.vsmc.catalog.analysis;

import java.util.Map;

import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The token filters the catalog's index settings name, for distributions without the analysis-common module.
 *
 * <p>Names and settings match analysis-common's, so the same index body works on a full distribution (where this
 * plugin is not installed) and on Elastic's minimal one (where it is).
 */
public final class CatalogAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "asciifolding", AsciiFoldingFilterFactory::new,
            "stemmer", StemmerFilterFactory::new,
            // Without rules the filter means nothing, so it is never registered with default settings.
            "synonym_graph", AnalysisPlugin.requiresAnalysisSettings(SynonymGraphFilterFactory::new),
            "edge_ngram", EdgeNGramFilterFactory::new,
            // Elision has no meaning without its articles, which differ by language.
            "elision", AnalysisPlugin.requiresAnalysisSettings(ElisionFilterFactory::new),
            "arabic_normalization", ArabicNormalizationFilterFactory::new
        );
    }
}
