plugins {
    java
    application
}

group = "com.example.fleet"
version = "0.9.0"

repositories {
    mavenCentral()
}

dependencies {
    implementation("org.apache.kafka:kafka-streams:3.7.1")
    implementation("org.slf4j:slf4j-simple:2.0.13")
}

application {
    mainClass = "com.example.fleet.tariff.TariffTopology"
}
