package com.example.fleet.dispatch

import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.runApplication

@SpringBootApplication
class DispatchPlannerApplication

fun main(args: Array<String>) {
    runApplication<DispatchPlannerApplication>(*args)
}
