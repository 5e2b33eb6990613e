package com.example.fleet.aggregator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class LoadAggregatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(LoadAggregatorApplication.class, args);
    }
}
