package com.example.fleet.tariff;

/** The topics of the tariff topology, in one place so the topology reads like the diagram. */
final class Topics {
    static final String AGGREGATES = "load.aggregates.5m";
    static final String RATES = "tariff.rates";
    static final String TARIFFED = "billing.tariffed";

    private Topics() {}
}
