package com.example.fleet.weather;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The public weather.gov observations API; it asks for a contact in the User-Agent. */
final class NoaaClient {

    private static final String BASE = "https://api.weather.gov/stations/";

    private final HttpClient http;
    private final Duration timeout;

    NoaaClient(Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    String latestObservation(String stationId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + stationId + "/observations/latest"))
                .timeout(timeout)
                .header("User-Agent", "fleet-weather-ingest (platform@example.com)")
                .header("Accept", "application/geo+json")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("weather.gov answered " + response.statusCode() + " for " + stationId);
        }
        return response.body();
    }
}
