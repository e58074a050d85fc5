import Fluent
import Foundation
import PactaCore
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

extension ServerTests {
    @Suite("Métricas de Prometheus")
    struct MetricasTests {
        @Test("/metrics shows the requests per route and the outbox to an administrator or the metrics token, and to nobody else")
        func metricsAreForAdministratorsAndTheToken() async throws {
            try await withPacta { app in
                // setup
                let f = try await Fixture.crear(app)
                #expect(try await app.get("/api/v1/servidores", token: f.token("th")).status == .ok)

                // MUT + validate: who may read them.
                #expect(try await app.get("/metrics", token: nil).status == .unauthorized)
                #expect(try await app.get("/metrics", token: f.token("th")).status == .forbidden)
                let r = try await app.get("/metrics", token: f.token("admin"))
                #expect(r.status == .ok)
                let texto = r.body.string
                #expect(texto.contains("http_requests_total{method=\"GET\",path=\"/api/v1/servidores\",status=\"200\"}"), "\(texto.prefix(2000))")
                #expect(texto.contains("http_request_duration_seconds_bucket{method=\"GET\",path=\"/api/v1/servidores\""))
                #expect(texto.contains("pacta_avisos{estado=\"pendiente\"}"))
                #expect(texto.contains("pacta_base_de_datos_disponible 1"))

                // The configured token works without an account.
                var s = app.pacta
                s.metricsToken = "token-de-metricas-de-prueba"
                app.pacta = s
                #expect(try await app.get("/metrics", token: "token-de-metricas-de-prueba").status == .ok)
                #expect(try await app.get("/metrics", token: "otro-token-cualquiera-largo").status == .unauthorized)
            }
        }
    }
}
