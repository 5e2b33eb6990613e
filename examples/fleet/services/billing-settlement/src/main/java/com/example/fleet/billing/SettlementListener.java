package com.example.fleet.billing;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Accrues each site's curtailed energy per 5-minute window into the settlement ledger.
 * The ledger's primary key makes a re-delivered window a no-op.
 */
@Component
public class SettlementListener {

    private static final Logger log = LoggerFactory.getLogger(SettlementListener.class);

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public SettlementListener(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @KafkaListener(topics = "${app.topics.in}", groupId = "billing-settlement")
    public void onAggregate(String payload, Acknowledgment ack) throws Exception {
        JsonNode window = mapper.readTree(payload);
        String siteId = window.path("site_id").asText();
        Instant start = Instant.parse(window.path("window_start").asText());
        BigDecimal baselineKw = window.path("baseline_kw").decimalValue();
        BigDecimal avgKw = window.path("avg_kw").decimalValue();
        BigDecimal curtailedKwh = baselineKw.subtract(avgKw).max(BigDecimal.ZERO)
                .multiply(new BigDecimal("0.0833333"));

        int rows = jdbc.update(
                "insert into settlement_ledger (site_id, window_start, curtailed_kwh) values (?, ?, ?) "
                        + "on conflict (site_id, window_start) do nothing",
                siteId, java.sql.Timestamp.from(start), curtailedKwh);
        if (rows == 0) {
            log.debug("window {} for site {} already settled", start, siteId);
        }
        ack.acknowledge();
    }
}
