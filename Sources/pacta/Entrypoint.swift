import Logging
import PactaServer
import Vapor

@main
enum Entrypoint {
    static func main() async throws {
        var env = try Environment.detect()
        // Pacta runs as production (templates cached, notice-level logs) unless told otherwise with
        // `--env development` (templates re-read on every request) or PACTA_ENV.
        let elegido = CommandLine.arguments.contains { $0 == "--env" || $0 == "-e" || $0.hasPrefix("--env=") }
        if !elegido { env = Environment(name: Environment.get("PACTA_ENV") ?? "production", arguments: env.arguments) }
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        do {
            try await configure(app)
            try await app.execute()
        } catch let e as ExitCode {
            try? await app.asyncShutdown()
            exit(e.code)
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
