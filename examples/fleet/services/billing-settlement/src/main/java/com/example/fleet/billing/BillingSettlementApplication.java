package com.example.fleet.billing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BillingSettlementApplication {

    public static void main(String[] args) {
        SpringApplication.run(BillingSettlementApplication.class, args);
    }
}
