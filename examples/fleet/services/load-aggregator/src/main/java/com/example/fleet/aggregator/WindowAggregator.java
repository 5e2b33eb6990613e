package com.example.fleet.aggregator;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Rolls enriched readings up into 5-minute windows per site and emits each window once it has
 * been closed for the grace period (late readings within the grace period still count).
 */
@Service
public class WindowAggregator {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration GRACE = Duration.ofMinutes(2);

    private final KafkaTemplate<String, String> kafkaTemplate;
    private final ObjectMapper mapper;
    private final Map<String, Window> open = new ConcurrentHashMap<>();

    @Value("${app.topics.out}")
    private String outTopic;

    public WindowAggregator(KafkaTemplate<String, String> kafkaTemplate, ObjectMapper mapper) {
        this.kafkaTemplate = kafkaTemplate;
        this.mapper = mapper;
    }

    @KafkaListener(topics = "${app.topics.in}", groupId = "load-aggregator", concurrency = "3")
    public void onReading(String payload) throws Exception {
        JsonNode reading = mapper.readTree(payload);
        String siteId = reading.path("site_id").asText();
        Instant at = Instant.parse(reading.path("ts").asText());
        Instant start = Instant.ofEpochMilli(at.toEpochMilli() - at.toEpochMilli() % WINDOW.toMillis());
        open.computeIfAbsent(siteId + "|" + start, k -> new Window(siteId, start))
                .add(reading.path("kw").asDouble(), reading.path("baseline_kw").asDouble());
    }

    @Scheduled(fixedDelay = 15_000)
    public void flushClosedWindows() throws Exception {
        Instant cutoff = Instant.now().minus(WINDOW).minus(GRACE);
        Iterator<Map.Entry<String, Window>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Window w = it.next().getValue();
            if (w.start.isAfter(cutoff)) {
                continue;
            }
            ObjectNode out = mapper.createObjectNode()
                    .put("site_id", w.siteId)
                    .put("window_start", w.start.toString())
                    .put("window_end", w.start.plus(WINDOW).toString())
                    .put("avg_kw", w.sumKw / w.samples)
                    .put("max_kw", w.maxKw)
                    .put("baseline_kw", w.baselineKw)
                    .put("samples", w.samples);
            kafkaTemplate.send(outTopic, w.siteId, mapper.writeValueAsString(out));
            it.remove();
        }
    }

    private static final class Window {
        final String siteId;
        final Instant start;
        double sumKw;
        double maxKw = Double.NEGATIVE_INFINITY;
        double baselineKw;
        int samples;

        Window(String siteId, Instant start) {
            this.siteId = siteId;
            this.start = start;
        }

        synchronized void add(double kw, double baseline) {
            sumKw += kw;
            maxKw = Math.max(maxKw, kw);
            baselineKw = baseline;
            samples++;
        }
    }
}
