package dev.rigel.form;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.annotation.Post;
import dev.rigel.testing.Multipart;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Uploaded files: in memory below the threshold, in a temporary file above it (deleted after the
 * response, also when the handler fails), the part and size limits, malformed bodies.
 */
class UploadTest {

    static final int THRESHOLD = 64 * 1024;

    @TempDir
    Path spool;

    @TempDir
    Path saved;

    /** What handlers saw of spooled files, for checks after the response. */
    final List<Path> seenSpooled = new CopyOnWriteArrayList<>();

    final List<Boolean> existedDuringRequest = new CopyOnWriteArrayList<>();

    public record Profile(String name, UploadFile avatar, Optional<UploadFile> banner, List<UploadFile> documents) {}

    public class Handlers {
        @Post("/one")
        public Map<String, Object> one(UploadFile data) throws Exception {
            record(data);
            return describe(data);
        }

        @Post("/many")
        public List<Map<String, Object>> many(List<UploadFile> data) throws Exception {
            List<Map<String, Object>> out = new ArrayList<>();
            for (UploadFile file : data) {
                record(file);
                out.add(describe(file));
            }
            return out;
        }

        @Post("/profile")
        public Map<String, Object> profile(Profile data) throws Exception {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", data.name());
            out.put("avatar", data.avatar() == null ? null : describe(data.avatar()));
            out.put("banner", data.banner().map(UploadFile::filename).orElse("none"));
            out.put(
                    "documents",
                    data.documents().stream().map(UploadFile::filename).toList());
            return out;
        }

        @Post("/save")
        public long save(UploadFile data) throws IOException {
            data.transferTo(saved.resolve("copy.bin"));
            return Files.size(saved.resolve("copy.bin"));
        }

        @Post("/fail")
        public String fail(UploadFile data) {
            record(data);
            throw new IllegalStateException("handler failed after reading the upload");
        }

        @Post("/form")
        public Map<String, Object> form(FormData data) {
            return Map.of("fields", data.fields(), "files", data.files().size());
        }
    }

    private void record(UploadFile file) {
        file.spooledTo().ifPresent(path -> {
            seenSpooled.add(path);
            existedDuringRequest.add(Files.exists(path));
        });
    }

    private static Map<String, Object> describe(UploadFile file) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("field", file.fieldName());
        out.put("filename", file.filename());
        out.put("content_type", file.contentType());
        out.put("size", file.size());
        out.put("sha256", sha256(file));
        out.put(
                "bytes_sha256",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.bytes())));
        out.put("spooled", file.spooledTo().isPresent());
        out.put("disposition", file.headers().get("content-disposition"));
        return out;
    }

    private static String sha256(UploadFile file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = file.inputStream()) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    byte[] big;
    byte[] small;

    @BeforeEach
    void data() {
        big = new byte[3 * 1024 * 1024 + 17]; // far over the threshold, and several server chunks
        new Random(1).nextBytes(big);
        small = "tiny file".getBytes(StandardCharsets.UTF_8);
    }

    private TestClient client(Transport transport) {
        return client(
                transport,
                FormConfig.builder()
                        .memoryThreshold(THRESHOLD)
                        .tempDirectory(spool)
                        .build(),
                10 * 1024 * 1024);
    }

    private TestClient client(Transport transport, FormConfig config, long maxBody) {
        App app = App.builder()
                .routeHandlers(new Handlers())
                .forms(config)
                .maxBodySize(maxBody)
                .build();
        return Clients.open(app, transport);
    }

    private List<Path> spoolContents() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSmallFileStaysInMemory(Transport transport) throws Exception {
        try (TestClient client = client(transport)) {
            TestResponse response = client.request("POST", "/one")
                    .multipart(Multipart.builder()
                            .file("doc", "notes.txt", "text/plain", small)
                            .build())
                    .send();
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.jsonMap())
                    .containsEntry("field", "doc")
                    .containsEntry("filename", "notes.txt")
                    .containsEntry("content_type", "text/plain")
                    .containsEntry("size", small.length)
                    .containsEntry("sha256", sha256(small))
                    .containsEntry("spooled", false)
                    .containsEntry("disposition", "form-data; name=\"doc\"; filename=\"notes.txt\"");
            assertThat(spoolContents()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLargeFileIsSpooledToDiskAndDeletedAfterTheResponse(Transport transport) throws Exception {
        try (TestClient client = client(transport)) {
            TestResponse response = client.request("POST", "/one")
                    .multipart(Multipart.builder()
                            .file("video", "big.bin", "application/octet-stream", big)
                            .build())
                    .send();
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.jsonMap())
                    .containsEntry("size", big.length)
                    .containsEntry("spooled", true)
                    .containsEntry("sha256", sha256(big))
                    .containsEntry("bytes_sha256", sha256(big));
            assertThat(seenSpooled).hasSize(1);
            assertThat(seenSpooled.get(0).getParent()).isEqualTo(spool);
            assertThat(existedDuringRequest).containsExactly(true);
            assertThat(seenSpooled.get(0)).doesNotExist();
            assertThat(spoolContents()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theTemporaryFileIsDeletedWhenTheHandlerFails(Transport transport) throws Exception {
        try (TestClient client = client(transport)) {
            TestResponse response = client.request("POST", "/fail")
                    .multipart(Multipart.builder()
                            .file("video", "big.bin", "application/octet-stream", big)
                            .build())
                    .send();
            assertThat(response.status()).isEqualTo(500);
            assertThat(existedDuringRequest).containsExactly(true);
            assertThat(spoolContents()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void severalFilesAndRecordsWithFileFields(Transport transport) throws Exception {
        try (TestClient client = client(transport)) {
            List<Map<String, Object>> files = client.request("POST", "/many")
                    .multipart(Multipart.builder()
                            .file("a", "one.txt", "text/plain", small)
                            .field("note", "ignored")
                            .file("b", "two.bin", null, big)
                            .build())
                    .send()
                    .jsonList();
            assertThat(files).extracting(file -> file.get("filename")).containsExactly("one.txt", "two.bin");
            assertThat(files.get(1))
                    .containsEntry("content_type", "application/octet-stream")
                    .containsEntry("spooled", true)
                    .containsEntry("sha256", sha256(big));

            Map<String, Object> profile = client.request("POST", "/profile")
                    .multipart(Multipart.builder()
                            .field("name", "Ada")
                            .file("avatar", "me.png", "image/png", small)
                            .file("documents", "cv.pdf", "application/pdf", small)
                            .file("documents", "letter.pdf", "application/pdf", small)
                            // a file input left empty: a part with an empty name and no content is no file
                            .file("banner", "", "application/octet-stream", new byte[0])
                            .build())
                    .send()
                    .jsonMap();
            assertThat(profile)
                    .containsEntry("name", "Ada")
                    .containsEntry("banner", "none")
                    .containsEntry("documents", List.of("cv.pdf", "letter.pdf"));
            assertThat(profile.get("avatar")).asString().contains("me.png");
            assertThat(spoolContents()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void transferToCopiesTheUpload(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = client.request("POST", "/save")
                    .multipart(
                            Multipart.builder().file("f", "big.bin", null, big).build())
                    .send();
            assertThat(response.text()).isEqualTo(Integer.toString(big.length));
            assertThat(saved.resolve("copy.bin")).hasBinaryContent(big);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFileOverItsLimitIsA413AndLeavesNothingBehind(Transport transport) throws Exception {
        FormConfig config = FormConfig.builder()
                .memoryThreshold(THRESHOLD)
                .maxFileSize(1024 * 1024)
                .tempDirectory(spool)
                .build();
        try (TestClient client = client(transport, config, 10 * 1024 * 1024)) {
            TestResponse response = client.request("POST", "/one")
                    .multipart(Multipart.builder()
                            .file("video", "big.bin", null, big)
                            .build())
                    .send();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.jsonMap().get("detail"))
                    .asString()
                    .contains("big.bin")
                    .contains("1048576");
            assertThat(spoolContents()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBodyOverTheRoutesLimitIsA413(Transport transport) throws Exception {
        FormConfig config = FormConfig.builder()
                .memoryThreshold(THRESHOLD)
                .tempDirectory(spool)
                .build();
        try (TestClient client = client(transport, config, 1024 * 1024)) {
            TestResponse response = client.request("POST", "/one")
                    .multipart(Multipart.builder()
                            .file("video", "big.bin", null, big)
                            .build())
                    .send();
            assertThat(response.status()).isEqualTo(413);
            assertThat(spoolContents()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tooManyPartsIsA400AndALongFieldA413(Transport transport) {
        FormConfig config = FormConfig.builder()
                .maxParts(3)
                .maxFieldSize(100)
                .tempDirectory(spool)
                .build();
        try (TestClient client = client(transport, config, 10 * 1024 * 1024)) {
            Multipart.Builder parts = Multipart.builder();
            for (int i = 0; i < 4; i++) {
                parts.field("f" + i, "v");
            }
            TestResponse tooMany =
                    client.request("POST", "/form").multipart(parts.build()).send();
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(tooMany.jsonMap().get("detail"))
                    .asString()
                    .contains("Too many parts")
                    .contains("3");

            TestResponse tooManyFields = client.request("POST", "/form")
                    .form(Map.of("a", "1", "b", "2", "c", "3", "d", "4"))
                    .send();
            assertThat(tooManyFields.status()).isEqualTo(400);

            TestResponse longField = client.request("POST", "/form")
                    .multipart(
                            Multipart.builder().field("essay", "x".repeat(101)).build())
                    .send();
            assertThat(longField.status()).isEqualTo(413);
            assertThat(longField.jsonMap().get("detail")).asString().contains("essay");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void malformedMultipartIsA400(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse noBoundary = client.request("POST", "/form")
                    .body("x".getBytes(), "multipart/form-data")
                    .send();
            assertThat(noBoundary.status()).isEqualTo(400);
            assertThat(noBoundary.jsonMap().get("detail")).asString().contains("boundary");

            TestResponse garbage = client.request("POST", "/form")
                    .body("this is not multipart".getBytes(), "multipart/form-data; boundary=xyz")
                    .send();
            assertThat(garbage.status()).isEqualTo(400);
            assertThat(garbage.jsonMap().get("detail")).asString().startsWith("Malformed multipart body");

            byte[] whole = Multipart.builder()
                    .boundary("b0undary")
                    .file("f", "a.bin", null, big)
                    .build()
                    .body();
            byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
            TestResponse cut = client.request("POST", "/form")
                    .body(truncated, "multipart/form-data; boundary=b0undary")
                    .send();
            assertThat(cut.status()).isEqualTo(400);

            TestResponse notAFile = client.request("POST", "/one")
                    .multipart(Multipart.builder().field("x", "1").build())
                    .send();
            assertThat(notAFile.status()).isEqualTo(400);
            assertThat(notAFile.jsonMap().get("detail")).asString().contains("file upload");

            TestResponse json = client.post("/one", Map.of("x", 1));
            assertThat(json.status()).isEqualTo(415);
        }
    }
}
