// A docker-compose stack written the way public ones are: a broker named `kafka` with ZooKeeper, the Confluent
// side services and two apps, full of names that look like the broker's address but are not connections.
export const COMPOSE_LOOKALIKES = `\
# The shop's local stack: one broker with its ZooKeeper, the Confluent side services, two apps.
services:
  zookeeper:
    image: confluentinc/cp-zookeeper:7.4.1
    hostname: zookeeper
    container_name: zookeeper
    environment:
      ZOOKEEPER_CLIENT_PORT: 2181
  kafka:
    image: confluentinc/cp-kafka:7.4.1
    hostname: kafka
    container_name: kafka
    depends_on:
      - zookeeper
    ports:
      - "9092:9092"
    environment:
      KAFKA_BROKER_ID: 1
      KAFKA_ZOOKEEPER_CONNECT: zookeeper:2181
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092,PLAINTEXT_HOST://localhost:29092
      KAFKA_LISTENERS: PLAINTEXT://0.0.0.0:9092,PLAINTEXT_HOST://0.0.0.0:29092
      KAFKA_ADVERTISED_HOST_NAME: kafka
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT
    healthcheck:
      test: ["CMD", "kafka-broker-api-versions", "--bootstrap-server", "kafka:9092"]
      interval: 10s
  schema-registry:
    image: confluentinc/cp-schema-registry:7.4.1
    hostname: schema-registry
    depends_on: [kafka]
    environment:
      SCHEMA_REGISTRY_HOST_NAME: schema-registry
      SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: PLAINTEXT://kafka:9092
      SCHEMA_REGISTRY_LISTENERS: http://0.0.0.0:8081
  connect:
    image: confluentinc/cp-kafka-connect:7.4.1
    hostname: connect
    container_name: connect
    depends_on:
      kafka:
        condition: service_healthy
      schema-registry:
        condition: service_started
    environment:
      CONNECT_BOOTSTRAP_SERVERS: "kafka:9092"
      CONNECT_REST_ADVERTISED_HOST_NAME: connect
      CONNECT_GROUP_ID: shop-connect
      CONNECT_KEY_CONVERTER_SCHEMA_REGISTRY_URL: http://schema-registry:8081
  ksqldb:
    image: confluentinc/cp-ksqldb-server:7.4.1
    hostname: ksqldb
    links:
      - kafka
      - "schema-registry:registry"
    environment:
      KSQL_BOOTSTRAP_SERVERS: kafka:9092
      KSQL_LISTENERS: http://0.0.0.0:8088
      KSQL_KSQL_SCHEMA_REGISTRY_URL: http://schema-registry:8081
  orders-api:
    build: ./orders-api
    container_name: orders-api
    depends_on: [kafka, schema-registry]
    environment:
      - KAFKA_BROKERS=kafka:9092
      - KAFKA_TLS_SERVERNAME=kafka
      - OUTPUT_TOPIC=orders
    networks:
      - kafka
  stock-worker:
    build: ./stock-worker
    depends_on:
      - kafka
    environment:
      SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka
      KAFKA_HOST: kafka
      INPUT_TOPIC: orders
    healthcheck:
      test: kcat -b kafka:9092 -L
networks:
  kafka:
    name: kafka
`;

/** A manifest whose source is the compose broker itself (`kafka:9092`), moving to a TLS MSK cluster. */
export const COMPOSE_MANIFEST = `version: 1
environments:
  dev:
    source: { brokers: ["kafka:9092"], version: "3.4.0" }
    target: { brokers: [b-1.dev.xy12.c2.kafka.eu-west-1.amazonaws.com:9094, b-2.dev.xy12.c2.kafka.eu-west-1.amazonaws.com:9094], auth: tls }
services: { roots: ["shop"] }
`;
