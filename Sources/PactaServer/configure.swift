import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import LeafKit
import NIOSSL
import PactaCore
import Vapor

/// Settings read from the environment (documented in the README).
public struct PactaSettings: Sendable {
    public var databaseURL: String?
    public var dataDirectory: String
    public var secureCookies: Bool
    public var autoMigrate: Bool
    public var adminPassword: String?
    public var adminUser: String
    public var host: String = "127.0.0.1"
    /// Behind a reverse proxy: take the client's address from X-Forwarded-For (for sign-in throttling).
    public var trustProxy: Bool = false
    public var port: Int = 8080
    /// A sendmail-compatible command for the notices' e-mail ("/usr/sbin/sendmail -t"); unset: notices are only logged.
    public var sendmail: String? = nil
    /// The From of the notices' e-mail.
    public var remitente: String = "pacta@localhost"
    /// Pacta's public address ("https://pacta.entidad.gov.co"): the notices' e-mail links to the page to act on.
    public var urlPublica: String? = nil
    /// The audit log's key ring (`PACTA_AUDIT_KEY_FILE`); unset: `auditoria.claves` in the data directory, or a key in memory when it is ":memory:".
    public var auditKeyFile: String? = nil
    /// Where `pacta audit anchor` appends (`PACTA_AUDIT_ANCHOR_FILE`); unset: `auditoria.anclas` in the data directory, or memory when it is ":memory:".
    public var auditAnchorFile: String? = nil
    /// A bearer token that may read `/metrics` (`PACTA_METRICS_TOKEN`), for Prometheus; administrators' API tokens may too.
    public var metricsToken: String? = nil

    public static func fromEnvironment() -> PactaSettings {
        var s = PactaSettings(
            databaseURL: Environment.get("DATABASE_URL").flatMap { $0.isEmpty ? nil : $0 },
            dataDirectory: Environment.get("PACTA_DATA_DIR") ?? "data",
            secureCookies: Environment.get("PACTA_SECURE_COOKIES") == "true",
            autoMigrate: Environment.get("PACTA_AUTO_MIGRATE") != "false",
            adminPassword: Environment.get("PACTA_ADMIN_PASSWORD").flatMap { $0.isEmpty ? nil : $0 },
            adminUser: Environment.get("PACTA_ADMIN_USER") ?? "admin"
        )
        s.host = Environment.get("PACTA_HOST") ?? "127.0.0.1"
        s.port = Environment.get("PACTA_PORT").flatMap(Int.init) ?? 8080
        s.trustProxy = Environment.get("PACTA_TRUST_PROXY") == "true"
        s.sendmail = Environment.get("PACTA_SENDMAIL").flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        s.remitente = Environment.get("PACTA_MAIL_FROM").flatMap { $0.isEmpty ? nil : $0 } ?? "pacta@localhost"
        s.urlPublica = Environment.get("PACTA_URL_PUBLICA").flatMap { $0.isEmpty ? nil : String($0.trimmingCharacters(in: CharacterSet(charactersIn: "/ "))) }
        s.auditKeyFile = Environment.get("PACTA_AUDIT_KEY_FILE").flatMap { $0.isEmpty ? nil : $0 }
        s.auditAnchorFile = Environment.get("PACTA_AUDIT_ANCHOR_FILE").flatMap { $0.isEmpty ? nil : $0 }
        s.metricsToken = Environment.get("PACTA_METRICS_TOKEN").flatMap { $0.count < 16 ? nil : $0 }
        return s
    }
}

extension Application {
    struct SettingsKey: StorageKey { typealias Value = PactaSettings }
    var pacta: PactaSettings {
        get { storage[SettingsKey.self] ?? .fromEnvironment() }
        set { storage[SettingsKey.self] = newValue }
    }
}

/// Configures databases, sessions, views, middleware, routes and commands.
/// `database` overrides the environment (tests pass an in-memory SQLite or a PostgreSQL URL).
public func configure(_ app: Application, settings: PactaSettings = .fromEnvironment(), bootstrap: Bool = true) async throws {
    app.pacta = settings
    if app.environment == .testing && Environment.get("LOG_LEVEL") == nil { app.logger.logLevel = .warning }

    // Databases: PostgreSQL when DATABASE_URL is set, else an SQLite file in the data directory.
    if let url = settings.databaseURL {
        var config = try SQLPostgresConfiguration(url: url)
        // Without a TLS parameter in the URL, connect in plain text (a local server); otherwise PostgresKit decides.
        if !["sslmode", "tlsmode", "ssl="].contains(where: url.contains) { config.coreConfiguration.tls = .disable }
        app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 8), as: .psql)
    } else if settings.dataDirectory == ":memory:" {
        app.databases.use(.sqlite(.memory, connectionPoolTimeout: .seconds(30)), as: .sqlite)
    } else {
        try FileManager.default.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
        let path = URL(fileURLWithPath: settings.dataDirectory).appendingPathComponent("pacta.sqlite").path
        // SQLite takes one write at a time: a morning rush queues for its connection rather than fail.
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(30)), as: .sqlite)
    }
    PactaMigrations.register(on: app)
    // The audit log's key ring and anchors live outside the database; every entry is signed with them.
    AuditStores.instalar(en: app, directorio: settings.dataDirectory,
                         archivoDeClaves: settings.auditKeyFile, archivoDeAnclas: settings.auditAnchorFile)
    // Estructura publishes the situaciones administrativas it records; the EDL opens parciales and moves
    // evaluations on them.
    SuscriptoresDeSituaciones.instalar(en: app)
    try app.situaciones.suscribir(TramosEDLService.Suscriptor())
    // Each instrument says which of its results call for a formato de mejoramiento individual.
    app.fuentesDeMejoramiento = [MejoramientoGI(), MejoramientoEDL()]
    app.fuentesDeRecordatorios = [{ db, hoy in
        let r = try await RecordatoriosGI.generar(on: db, hoy: hoy, anticipacion: RecordatoriosGI.diasDeAnticipacion)
        return "Recordatorios de la gestión institucional: \(r.revisadas) evaluación(es) abiertas revisadas; avisos nuevos: \(r.nuevos)."
    }]

    // Passwords: bcrypt; a low cost only in tests, where hundreds of accounts are made.
    app.passwords.use(.bcrypt(cost: app.environment == .testing ? 4 : 12))
    _ = app.hilosDeContrasenas

    // Multipart bodies go through a parser that cannot trap (see FormularioMultipart).
    var contenido = ContentConfiguration.global
    contenido.use(decoder: FormularioMultipartDecoder(), for: .formData)
    ContentConfiguration.global = contenido

    // Sessions live in the database so several instances can share them.
    app.sessions.use { _ in SesionesEnBaseDeDatos() }
    app.sessions.configuration.cookieName = "pacta_sesion"
    let secure = settings.secureCookies
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, expires: Date().addingTimeInterval(60 * 60 * 8), maxAge: 60 * 60 * 8,
                          path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    // Views: Leaf templates shipped as resources of this module. The frame of each page and
    // `req.actor()` learn who is signed in from Identidad.
    app.views.use(.leaf)
    app.presente = Layout.Presente.deLaSesion
    app.actorDe = Actor.deLaSesion
    // The templates live inside the build folder (a hidden path), so allow any path within the views folder.
    app.leaf.sources = .singleSource(NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
                                                  sandboxDirectory: Recursos.vistas, viewDirectory: Recursos.vistas))
    app.leaf.cache.isEnabled = app.environment.isRelease

    // Middleware: errors first so everything below is answered in Spanish.
    app.middleware = .init()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(PactaErrorMiddleware(environment: app.environment))
    app.middleware.use(FileMiddleware(publicDirectory: Recursos.publico))

    app.routes.defaultMaxBodySize = "20mb"
    // `pacta serve --hostname … --port …` overrides these.
    app.http.server.configuration.hostname = settings.host
    app.http.server.configuration.port = settings.port

    Metricas.instalar()
    try routes(app)
    PactaCommands.register(on: app)

    if bootstrap {
        if settings.autoMigrate { try await conBaseDisponible(app) { try await app.autoMigrate() } }
        do {
            try await Bootstrap.primerInicio(app)
        } catch {
            app.logger.notice("La base de datos aún no está migrada: ejecute «pacta migrate». (\(String(reflecting: error)))")
        }
    }
}

/// At start the database may still be coming up (a server restarted with it, containers started together):
/// wait for it, saying so, for about a minute, instead of ending with a trace.
func conBaseDisponible(_ app: Application, intentos: Int = 30, _ cuerpo: () async throws -> Void) async throws {
    for intento in 1...intentos {
        do {
            return try await cuerpo()
        } catch where PactaErrorMiddleware.baseNoDisponible(error) && intento < intentos {
            app.logger.warning("La base de datos no responde (intento \(intento) de \(intentos)); se reintenta en 2 segundos.")
            try await Task.sleep(for: .seconds(2))
        }
    }
}

enum Recursos {
    static var base: String {
        Bundle.module.bundlePath + "/Resources/"
    }
    static var vistas: String { base + "Views/" }
    static var publico: String { base + "Public/" }
    static func archivo(_ nombre: String) -> String { base + nombre }
}
