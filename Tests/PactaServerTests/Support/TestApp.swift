import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

/// Every server test runs in this suite, one at a time: on PostgreSQL they share one database.
@Suite(.serialized) struct ServerTests {}

enum TestDatabase {
    /// Set by the test script to run the same suite on PostgreSQL.
    static var postgresURL: String? {
        Environment.get("PACTA_TEST_DATABASE_URL").flatMap { $0.isEmpty ? nil : $0 }
    }

    static func settings(sqliteDirectory: String = ":memory:") -> PactaSettings {
        PactaSettings(databaseURL: postgresURL, dataDirectory: sqliteDirectory, secureCookies: false, autoMigrate: false,
                      adminPassword: nil, adminUser: "admin")
    }

    /// Leaves the PostgreSQL schema empty, whatever an earlier failed test left behind.
    static func limpiar(_ app: Application) async throws {
        guard postgresURL != nil, let sql = app.db as? any SQLDatabase else { return }
        try await sql.raw("DROP SCHEMA public CASCADE").run()
        try await sql.raw("CREATE SCHEMA public").run()
    }
}

/// Vapor template lifecycle: make → configure → migrate → test → revert → shutdown (also on failure).
func withPacta(sqliteDirectory: String = ":memory:", _ test: (Application) async throws -> Void) async throws {
    try await withApp(configure: { app in
        try await configure(app, settings: TestDatabase.settings(sqliteDirectory: sqliteDirectory), bootstrap: false)
        try await TestDatabase.limpiar(app)
        try await app.autoMigrate()
    }) { app in
        try await test(app)
        try await app.autoRevert()
    }
}

extension Application {
    /// Sends a request through the whole middleware stack; `path` may carry a query string.
    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> TestingHTTPResponse {
        try await testing().sendRequest(method, path, headers: headers, body: body) { req in
            req.url = URI(string: path)
        }
    }

    func sendJSON<T: Encodable>(_ method: HTTPMethod, _ path: String, token: String?, json: T) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        headers.contentType = .json
        let data = try JSONEncoder().encode(json)
        return try await send(method, path, headers: headers, body: ByteBuffer(data: data))
    }

    func get(_ path: String, token: String?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        return try await send(.GET, path, headers: headers)
    }
}

extension TestingHTTPResponse {
    var texto: String { body.string }
    func json<T: Decodable>(_ t: T.Type) throws -> T {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return try d.decode(T.self, from: Data(buffer: body))
    }
    var error: ErrorDTO? { try? json(ErrorDTO.self) }
}


/// A browser: keeps the session cookie and the page's CSRF token.
final class Navegador: @unchecked Sendable {
    let app: Application
    var cookie: String?
    var csrf: String?

    init(_ app: Application) { self.app = app }

    func get(_ path: String) async throws -> TestingHTTPResponse {
        var h = HTTPHeaders()
        if let cookie { h.replaceOrAdd(name: .cookie, value: cookie) }
        let res = try await app.send(.GET, path, headers: h)
        recordar(res)
        return res
    }

    func post(_ path: String, _ campos: [String: String], conCSRF: Bool = true) async throws -> TestingHTTPResponse {
        var h = HTTPHeaders()
        if let cookie { h.replaceOrAdd(name: .cookie, value: cookie) }
        h.contentType = .urlEncodedForm
        var todos = campos
        if conCSRF, let csrf { todos["_csrf"] = csrf }
        let cuerpo = todos.map { "\($0.key.formEncoded)=\($0.value.formEncoded)" }.joined(separator: "&")
        let res = try await app.send(.POST, path, headers: h, body: ByteBuffer(string: cuerpo))
        recordar(res)
        return res
    }

    func recordar(_ res: TestingHTTPResponse) {
        if let c = res.headers.setCookie?["pacta_sesion"] {
            cookie = c.string.isEmpty ? nil : "pacta_sesion=\(c.string)"
        }
        let html = res.body.string
        if let r = html.range(of: "name=\"_csrf\" value=\"") {
            let resto = html[r.upperBound...]
            if let fin = resto.firstIndex(of: "\"") { csrf = String(resto[..<fin]) }
        }
    }

    func ingresar(_ usuario: String, _ contrasena: String = Fixture.contrasena) async throws -> TestingHTTPResponse {
        _ = try await get("/ingresar")
        return try await post("/ingresar", ["nombreUsuario": usuario, "contrasena": contrasena, "siguiente": "/"])
    }
}

extension String {
    var formEncoded: String {
        var permitidos = CharacterSet.alphanumerics
        permitidos.insert(charactersIn: "-._*")
        return (addingPercentEncoding(withAllowedCharacters: permitidos) ?? self).replacingOccurrences(of: "%20", with: "+")
    }
}
