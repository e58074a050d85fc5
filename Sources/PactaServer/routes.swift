import Fluent
import Vapor

func routes(_ app: Application) throws {
    app.get("health", use: Salud.health)
    app.grouped(BearerTokenAuthenticator()).get("metrics", use: Metricas.exponer)
    app.get("api", "v1", "openapi.yaml", use: OpenAPIDocumento.yaml)
    app.get("api", "docs", use: OpenAPIDocumento.pagina)

    // JSON API: bearer tokens, no cookies, so no CSRF.
    let api = app.grouped("api", "v1").grouped(BearerTokenAuthenticator())
    AuthAPI.register(api)
    let apiPrivada = api.grouped(RequireAPIUserMiddleware())
    EstructuraAPI.register(apiPrivada)
    ServidoresAPI.register(apiPrivada)
    ImportacionAPI.register(apiPrivada)
    CalendarioAPI.register(apiPrivada)
    AuditoriaAPI.register(apiPrivada)
    UsuariosAPI.register(apiPrivada)
    EDLAPI.register(apiPrivada)
    ReportesEDLAPI.register(apiPrivada)
    GestionAPI.register(apiPrivada)
    MejoramientoAPI.register(apiPrivada)

    // Web pages: sessions in the database, CSRF on every form.
    let web = app.grouped(app.sessions.middleware, Usuario.sessionAuthenticator(), CSRFMiddleware())
    AccesoWeb.register(web)
    let privada = web.grouped(RequireWebUserMiddleware())
    InicioWeb.register(privada)
    EstructuraWeb.register(privada)
    ServidoresWeb.register(privada)
    ImportacionWeb.register(privada)
    CalendarioWeb.register(privada)
    AuditoriaWeb.register(privada)
    UsuariosWeb.register(privada)
    EDLWeb.register(privada)
    ReportesEDLWeb.register(privada)
    GestionWeb.register(privada)
    MejoramientoWeb.register(privada)
}

enum Salud {
    struct Estado: Content {
        let estado: String
        let baseDeDatos: String
        let motor: String
        var mensaje: String? = nil
    }

    @Sendable static func health(req: Request) async throws -> Response {
        let motor = req.application.pacta.databaseURL == nil ? "sqlite" : "postgresql"
        do {
            _ = try await Entidad.query(on: req.db).count()
            return try await Estado(estado: "ok", baseDeDatos: "disponible", motor: motor).encodeResponse(status: .ok, for: req)
        } catch {
            req.logger.error("health: base de datos no disponible: \(String(reflecting: error))")
            let res = try await Estado(estado: "error", baseDeDatos: "no disponible", motor: motor,
                                       mensaje: PactaErrorMiddleware.mensajeNoDisponible).encodeResponse(status: .serviceUnavailable, for: req)
            res.headers.replaceOrAdd(name: .retryAfter, value: "5")
            return res
        }
    }
}
