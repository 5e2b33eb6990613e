package com.example.fleet.dispatch

import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.module.kotlin.readValue
import org.slf4j.LoggerFactory
import org.springframework.beans.factory.annotation.Value
import org.springframework.kafka.annotation.KafkaListener
import org.springframework.kafka.core.KafkaTemplate
import org.springframework.stereotype.Component
import java.time.Instant

data class DrEvent(
    val id: String,
    val version: Int,
    val status: String,
    val siteIds: List<String>,
    val startsAt: Instant,
    val endsAt: Instant,
    val targetReductionKw: Double,
)

data class DispatchCommand(
    val eventId: String,
    val siteId: String,
    val register: Int,
    val setpointKw: Double,
    val at: Instant,
)

/**
 * Splits each scheduled demand-response event into per-site setpoint commands. The coordinator
 * reads the commands back to track the event's progress, so the two services form a loop.
 */
@Component
class DispatchPlanner(
    private val kafkaTemplate: KafkaTemplate<String, String>,
    private val mapper: ObjectMapper,
    private val capacities: SiteCapacities = SiteCapacities(),
) {
    private val log = LoggerFactory.getLogger(javaClass)

    @Value("\${app.topics.out}")
    private lateinit var outTopic: String

    @KafkaListener(topics = ["\${app.topics.in}"], groupId = "dispatch-planner")
    fun onEvent(payload: String) {
        val event: DrEvent = mapper.readValue(payload)
        if (event.status != "scheduled") return
        val shares = capacities.split(event.siteIds, event.targetReductionKw)
        for ((siteId, reductionKw) in shares) {
            val command = DispatchCommand(
                eventId = event.id,
                siteId = siteId,
                register = SETPOINT_REGISTER,
                setpointKw = reductionKw,
                at = event.startsAt,
            )
            kafkaTemplate.send(outTopic, siteId, mapper.writeValueAsString(command))
        }
        log.info("planned event {} v{} across {} sites", event.id, event.version, shares.size)
    }

    companion object {
        const val SETPOINT_REGISTER = 40100
    }
}

class SiteCapacities(private val defaultKw: Double = 250.0) {
    fun split(siteIds: List<String>, totalKw: Double): Map<String, Double> {
        if (siteIds.isEmpty()) return emptyMap()
        val each = minOf(defaultKw, totalKw / siteIds.size)
        return siteIds.associateWith { each }
    }
}
