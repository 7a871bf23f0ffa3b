package dev.rigel.benchmarks.spring;

import dev.rigel.benchmarks.common.BenchData;
import dev.rigel.benchmarks.common.BenchUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring Boot 4 Web MVC on embedded Tomcat with virtual threads ({@code spring.threads.virtual.enabled})
 * and the benchmark routes; the bearer check is a {@link HandlerInterceptor} on {@code /api/v1/**},
 * JSON through Spring's own message converters.
 *
 * <p>Usage: {@code java -jar target/benchmarks-spring.jar --server.port=PORT}.
 */
@SpringBootApplication
@RestController
public class SpringBenchServer {

    private static final Map<String, String> HELLO = Map.of("message", "Hello, World!");
    private static final byte[] TOKEN = BenchData.TOKEN.getBytes(StandardCharsets.UTF_8);

    private final BenchData db = new BenchData();

    public static void main(String[] args) {
        SpringApplication.run(SpringBenchServer.class, args);
    }

    @GetMapping(value = "/plaintext", produces = MediaType.TEXT_PLAIN_VALUE)
    public String plaintext() {
        return "Hello, World!";
    }

    @GetMapping("/json")
    public Map<String, String> json() {
        return HELLO;
    }

    @GetMapping("/api/v1/users")
    public List<BenchUser> users() {
        return db.users();
    }

    @GetMapping("/api/v1/users/{id}")
    public BenchUser user(@PathVariable("id") long id) {
        BenchUser user = db.user(id);
        if (user == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "User " + id + " not found");
        }
        return user;
    }

    @Bean
    WebMvcConfigurer bearerAuth() {
        HandlerInterceptor check = new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String auth = request.getHeader("Authorization");
                if (auth == null || !MessageDigest.isEqual(TOKEN, auth.trim().getBytes(StandardCharsets.UTF_8))) {
                    response.setStatus(401);
                    response.setHeader("WWW-Authenticate", "Bearer");
                    return false;
                }
                return true;
            }
        };
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(check).addPathPatterns("/api/v1/**");
            }
        };
    }
}
