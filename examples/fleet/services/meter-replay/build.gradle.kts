plugins {
    scala
    application
}

repositories {
    mavenCentral()
}

dependencies {
    implementation("org.scala-lang:scala-library:2.13.14")
    implementation("com.typesafe.akka:akka-stream-kafka_2.13:5.0.0")
}

application {
    mainClass = "fleet.replay.Replay"
}
