package org.vsmc.catalog.analysis;

import java.util.function.UnaryOperator;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.index.analysis.TokenFilterFactory;

/** A filter factory made of a name and a function, for the variants a factory hands out (for synonym rules, for a chain). */
final class NamedFilter implements TokenFilterFactory {
    private final String name;
    private final UnaryOperator<TokenStream> filter;

    NamedFilter(String name, UnaryOperator<TokenStream> filter) {
        this.name = name;
        this.filter = filter;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return filter.apply(tokenStream);
    }
}
