package dev.syspatterns.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Each server the platform stands on is the real thing, whichever provider supplied it. */
class InfrastructureIsRealTest {

    private final Infrastructure infra = Infrastructure.get();

    @Test
    void postgisComputesTrueDistancesOnTheSphere() throws SQLException {
        String db = infra.createDatabase("test_infra");
        try (Connection c = connect(infra.postgres().jdbcUrl(db));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT ST_Distance("
                        + "'SRID=4326;POINT(13.4050 52.5200)'::geography, " // Berlin
                        + "'SRID=4326;POINT(2.3522 48.8566)'::geography)")) { // Paris
            rs.next();
            assertThat(rs.getDouble(1)).isBetween(876_000.0, 880_000.0);
        }
    }

    @Test
    void aRowWrittenOnThePrimaryAppearsOnTheReplicaWhichRefusesWrites() throws Exception {
        String db = infra.createDatabase("test_infra");
        String marker = UUID.randomUUID().toString();
        try (Connection primary = connect(infra.postgres().jdbcUrl(db));
                Statement st = primary.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS replication_probe (marker text PRIMARY KEY)");
            st.execute("INSERT INTO replication_probe VALUES ('" + marker + "')");
        }
        try (Connection replica = connect(infra.postgres().replicaJdbcUrl(db));
                Statement st = replica.createStatement()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                try (ResultSet rs =
                        st.executeQuery("SELECT count(*) FROM replication_probe WHERE marker = '" + marker + "'")) {
                    rs.next();
                    seen = rs.getInt(1) == 1;
                } catch (SQLException tableNotReplicatedYet) {
                    // the CREATE TABLE itself may still be on its way
                }
                if (!seen) Thread.sleep(20);
            }
            assertThat(seen).as("row replicated within 10 s").isTrue();
            assertThatThrownBy(() -> st.execute("INSERT INTO replication_probe VALUES ('x" + marker + "')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("read-only transaction");
        }
    }

    @Test
    void redisRunsLuaScripts() {
        RedisClient client = RedisClient.create(infra.redis().uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String key = "infra-test:" + UUID.randomUUID();
            Long result = connection
                    .sync()
                    .eval(
                            "redis.call('SET', KEYS[1], ARGV[1]); return redis.call('INCRBY', KEYS[1], 2)",
                            ScriptOutputType.INTEGER,
                            new String[] {key},
                            "40");
            assertThat(result).isEqualTo(42L);
            connection.sync().del(key);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aKafkaRecordMakesARoundTrip() throws Exception {
        String bootstrap = infra.kafka().bootstrapServers();
        String topic = "infra-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", "hello kafka")).get();
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-test-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            ConsumerRecord<String, String> received = null;
            while (received == null && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) received = r;
            }
            assertThat(received).isNotNull();
            assertThat(received.value()).isEqualTo("hello kafka");
        }
    }

    @Test
    void aPresignedPutAcceptsAPlainHttpUploadAndAPresignedGetReturnsTheSameBytes() throws Exception {
        var s3 = infra.s3();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
        var pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        String bucket = "infra-test-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] bytes = new byte[256 * 1024 + 7];
        new SecureRandom().nextBytes(bytes);

        try (S3Client client = S3Client.builder()
                        .endpointOverride(URI.create(s3.endpoint()))
                        .region(Region.of(s3.region()))
                        .credentialsProvider(credentials)
                        .serviceConfiguration(pathStyle)
                        .build();
                S3Presigner presigner = S3Presigner.builder()
                        .endpointOverride(URI.create(s3.endpoint()))
                        .region(Region.of(s3.region()))
                        .credentialsProvider(credentials)
                        .serviceConfiguration(pathStyle)
                        .build()) {
            client.createBucket(b -> b.bucket(bucket));
            URI put = presigner
                    .presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                            .putObjectRequest(
                                    o -> o.bucket(bucket).key("blob.bin").contentType("application/octet-stream")))
                    .url()
                    .toURI();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> uploaded = http.send(
                    HttpRequest.newBuilder(put)
                            .header("Content-Type", "application/octet-stream")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);

            URI get = presigner
                    .presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                            .getObjectRequest(o -> o.bucket(bucket).key("blob.bin")))
                    .url()
                    .toURI();
            byte[] downloaded = http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofByteArray())
                    .body();
            assertThat(downloaded).isEqualTo(bytes);

            client.deleteObject(b -> b.bucket(bucket).key("blob.bin"));
            client.deleteBucket(b -> b.bucket(bucket));
        }
    }

    @Test
    void aTemporalWorkflowWithAnActivityCompletes() {
        var temporal = infra.temporal();
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(temporal.target())
                .build());
        try {
            WorkflowClient client = WorkflowClient.newInstance(
                    stubs,
                    WorkflowClientOptions.newBuilder()
                            .setNamespace(temporal.namespace())
                            .build());
            String queue = "infra-test-" + UUID.randomUUID();
            WorkerFactory factory = WorkerFactory.newInstance(client);
            Worker worker = factory.newWorker(queue);
            worker.registerWorkflowImplementationTypes(GreetingWorkflowImpl.class);
            worker.registerActivitiesImplementations((Greeter) name -> "hello " + name);
            factory.start();
            try {
                GreetingWorkflow workflow = client.newWorkflowStub(
                        GreetingWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue(queue)
                                .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                                .build());
                assertThat(workflow.greet("temporal")).isEqualTo("hello temporal");
            } finally {
                factory.shutdownNow();
            }
        } finally {
            stubs.shutdownNow();
        }
    }

    @WorkflowInterface
    public interface GreetingWorkflow {
        @WorkflowMethod
        String greet(String name);
    }

    @ActivityInterface
    public interface Greeter {
        String greeting(String name);
    }

    public static class GreetingWorkflowImpl implements GreetingWorkflow {
        private final Greeter greeter = Workflow.newActivityStub(
                Greeter.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(10))
                        .build());

        @Override
        public String greet(String name) {
            return greeter.greeting(name);
        }
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(
                url, infra.postgres().username(), infra.postgres().password());
    }
}
