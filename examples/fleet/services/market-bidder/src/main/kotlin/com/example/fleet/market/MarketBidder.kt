package com.example.fleet.market

import java.util.function.Function
import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.runApplication
import org.springframework.context.annotation.Bean

data class PriceTick(val zone: String, val eurPerMwh: Double)
data class Bid(val zone: String, val megawatts: Double, val limit: Double)

/** Bids the fleet's flexible load into the day-ahead market; bindings in application.yml. */
@SpringBootApplication
class MarketBidder {
    @Bean
    fun bid(): Function<PriceTick, Bid> = Function { tick -> Bid(tick.zone, flexibleMegawatts(tick.zone), tick.eurPerMwh * 0.97) }

    private fun flexibleMegawatts(zone: String): Double = if (zone.startsWith("NL")) 4.0 else 2.5
}

fun main(args: Array<String>) {
    runApplication<MarketBidder>(*args)
}
