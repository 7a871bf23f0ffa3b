package dev.rigel.examples.seed;

import java.util.Map;

/**
 * The seed app's settings, from command-line flags or environment variables (flags win):
 * {@code --host} / {@code HOST}, {@code --port} / {@code PORT}, {@code --api-token} /
 * {@code API_TOKEN}.
 */
public record SeedSettings(String host, int port, String apiToken) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;
    public static final String DEFAULT_API_TOKEN = "dev-token";

    public static SeedSettings defaults() {
        return new SeedSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_API_TOKEN);
    }

    /** Reads flags ({@code --port 9000} or {@code --port=9000}) over environment variables. */
    public static SeedSettings parse(String[] args, Map<String, String> env) {
        String host = env.getOrDefault("HOST", DEFAULT_HOST);
        String port = env.getOrDefault("PORT", Integer.toString(DEFAULT_PORT));
        String token = env.getOrDefault("API_TOKEN", DEFAULT_API_TOKEN);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(usage());
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("Missing value for " + name + "\n" + usage());
            }
            switch (name) {
                case "--host" -> host = value;
                case "--port" -> port = value;
                case "--api-token" -> token = value;
                default -> throw new IllegalArgumentException("Unknown option " + name + "\n" + usage());
            }
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Port must be a number, got '" + port + "'");
        }
        if (portNumber < 0 || portNumber > 65535) {
            throw new IllegalArgumentException("Port must be between 0 and 65535, got " + portNumber);
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("API token must not be empty");
        }
        return new SeedSettings(host, portNumber, token);
    }

    public static String usage() {
        return """
                Usage: java -jar seed-app.jar [--host HOST] [--port PORT] [--api-token TOKEN]
                  --host       interface to listen on (env HOST, default 127.0.0.1)
                  --port       port to listen on, 0 for any free port (env PORT, default 8000)
                  --api-token  bearer token the /api/v1 routes require (env API_TOKEN, default dev-token)""";
    }
}
