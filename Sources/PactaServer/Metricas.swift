import Fluent
import Foundation
import Metrics
import Prometheus
import Vapor

/// Prometheus metrics at `/metrics`: Vapor's request counters and durations per route (through
/// swift-metrics), and, read when scraped, the database's answer time, the outbox's backlog and the
/// open sessions. Readable with `PACTA_METRICS_TOKEN` as a bearer token or an administrator's API token.
enum Metricas {
    /// One registry for the process: swift-metrics takes one backend, once.
    static let registro: PrometheusCollectorRegistry = {
        let r = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: r))
        return r
    }()

    /// Installs the backend before the first request is counted.
    static func instalar() { _ = registro }

    @Sendable static func exponer(req: Request) async throws -> Response {
        try autorizar(req)
        let db = req.db
        let inicio = ContinuousClock.now
        let disponible: Bool
        do {
            _ = try await Entidad.query(on: db).count()
            disponible = true
        } catch { disponible = false }
        let latencia = ContinuousClock.now - inicio
        registro.makeGauge(name: "pacta_base_de_datos_disponible", help: "1 si la base de datos responde.").set(Double(disponible ? 1 : 0))
        registro.makeGauge(name: "pacta_base_de_datos_respuesta_segundos", help: "Tiempo de una consulta trivial al leer las métricas.")
            .set(Double(latencia.components.seconds) + Double(latencia.components.attoseconds) / 1e18)
        if disponible {
            for estado in [Aviso.Estado.pendiente, .enviando, .fallido] {
                let n = try await Aviso.query(on: db).filter(\.$estado == estado).count()
                registro.makeGauge(name: "pacta_avisos", labels: [("estado", estado.rawValue)], help: "Avisos de la bandeja de salida por estado.")
                    .set(Double(n))
            }
            let sesiones = try await SesionWeb.query(on: db).filter(\.$expira > Date()).count()
            registro.makeGauge(name: "pacta_sesiones_abiertas", help: "Sesiones web sin vencer.").set(Double(sesiones))
        }
        var salida: [UInt8] = []
        salida.reserveCapacity(16 * 1024)
        registro.emit(into: &salida)
        var h = HTTPHeaders()
        h.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: h, body: .init(data: Data(salida)))
    }

    /// The configured token, or an administrator signed in with an API token.
    static func autorizar(_ req: Request) throws {
        if let esperado = req.application.pacta.metricsToken, let t = req.headers.bearerAuthorization?.token, Tokens.iguales(t, esperado) { return }
        guard let u = req.auth.get(Usuario.self) else {
            throw PactaError(status: .unauthorized, mensaje: "Las métricas requieren el token de métricas o el de un administrador.")
        }
        guard u.rol == .administrador else { throw PactaError.prohibido("Solo un administrador lee las métricas.") }
    }
}
