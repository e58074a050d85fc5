import Fluent
import Foundation
import PactaCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

/// Operation: the database going away, caching of people's data, sessions after a password change, and
/// answers that do not depend on the order of the checks.
extension ServerTests {
    @Suite struct OperacionTests {
        static func puertoLibre() throws -> Int {
            let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(s) }
            var a = sockaddr_in()
            a.sin_family = sa_family_t(AF_INET)
            a.sin_addr.s_addr = inet_addr("127.0.0.1")
            a.sin_port = 0
            var largo = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &a) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, largo) } }
            _ = withUnsafeMutablePointer(to: &a) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &largo) } }
            return Int(UInt16(bigEndian: a.sin_port))
        }

        @Test("With the database away: 503 in Spanish on the API, the pages and /health, instead of 500")
        func databaseAwayAnswers503() async throws {
            // A PostgreSQL address where nothing listens: what an instance sees while the server restarts.
            let puerto = try Self.puertoLibre()
            var ajustes = TestDatabase.settings()
            ajustes.databaseURL = "postgres://pacta@127.0.0.1:\(puerto)/pacta?sslmode=disable"
            try await withApp(configure: { app in
                try await configure(app, settings: ajustes, bootstrap: false)
            }) { app in
                let salud = try await app.get("/health", token: nil)
                #expect(salud.status == .serviceUnavailable)
                #expect(salud.texto.contains("no disponible"))
                #expect(salud.headers.first(name: .retryAfter) == "5")
                let api = try await app.get("/api/v1/yo", token: "un-token-cualquiera")
                #expect(api.status == .serviceUnavailable, "\(api.texto)")
                #expect(api.error?.mensaje == "El servicio no está disponible, intente de nuevo en unos segundos.")
                let token = try await app.sendJSON(.POST, "/api/v1/auth/token", token: nil, json: ["nombreUsuario": "th", "contrasena": "x"])
                #expect(token.status == .serviceUnavailable)
                var h = HTTPHeaders()
                h.replaceOrAdd(name: .cookie, value: "pacta_sesion=abc")
                let pagina = try await app.send(.GET, "/servidores", headers: h)
                #expect(pagina.status == .serviceUnavailable)
                #expect(pagina.texto.contains("intente de nuevo en unos segundos"))
            }
        }

        @Test("Service resumes by itself when the database drops every connection (PostgreSQL restart)")
        func serviceResumesAfterTheConnectionsDrop() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                #expect(try await app.get("/api/v1/yo", token: f.token("th")).status == .ok)
                guard TestDatabase.postgresURL != nil, let sql = app.db as? any SQLDatabase else {
                    // SQLite lives in the process: it cannot go away while Pacta runs.
                    #expect(try await app.get("/health", token: nil).status == .ok)
                    return
                }
                // What a restart does to the open connections: the server ends them all.
                try await withApp(configure: { otra in
                    try await configure(otra, settings: TestDatabase.settings(), bootstrap: false)
                }) { otra in
                    let otraSQL = try #require(otra.db as? any SQLDatabase)
                    try await otraSQL.raw("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()").run()
                }
                _ = sql
                // Each answer meanwhile is a 200 or a 503, never a 500, and within 2 s the service is back.
                let inicio = Date()
                var ultimo = HTTPStatus.serviceUnavailable
                var vistos: [UInt] = []
                while Date().timeIntervalSince(inicio) < 2 {
                    ultimo = try await app.get("/api/v1/yo", token: f.token("th")).status
                    vistos.append(ultimo.code)
                    if ultimo == .ok { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(ultimo == .ok, "\(vistos)")
                #expect(vistos.allSatisfy { $0 == 200 || $0 == 503 }, "\(vistos)")
                #expect(try await app.get("/health", token: nil).status == .ok)
            }
        }

        @Test("Pages, API answers and exports carry Cache-Control: no-store; stylesheets may be cached")
        func peoplesDataIsNeverCached() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let nav = Navegador(app)
                _ = try await nav.ingresar("th")
                for ruta in ["/", "/servidores", "/servidores?formato=xlsx", "/servidores?formato=csv", "/ingresar"] {
                    let r = try await nav.get(ruta)
                    #expect(r.headers.first(name: .cacheControl) == "no-store", "\(ruta)")
                }
                for ruta in ["/api/v1/servidores", "/api/v1/yo", "/api/v1/auditoria"] {
                    #expect(try await app.get(ruta, token: f.token("th")).headers.first(name: .cacheControl) == "no-store", "\(ruta)")
                }
                let css = try await app.send(.GET, "/css/pacta.css")
                #expect(css.status == .ok)
                #expect(css.headers.first(name: .cacheControl) != "no-store")
            }
        }

        @Test("Changing the password ends the account's other web sessions and keeps this one")
        func passwordChangeEndsOtherSessions() async throws {
            try await withPacta { app in
                _ = try await Fixture.crear(app)
                let aqui = Navegador(app), alla = Navegador(app), otraCuenta = Navegador(app)
                _ = try await aqui.ingresar("jefe")
                _ = try await alla.ingresar("jefe")
                _ = try await otraCuenta.ingresar("evaluado")
                #expect(try await alla.get("/servidores").status == .ok)
                _ = try await aqui.get("/cuenta/contrasena")
                let cambio = try await aqui.post("/cuenta/contrasena", ["actual": Fixture.contrasena, "nueva": "otra-clave-segura-42", "confirmacion": "otra-clave-segura-42"])
                #expect(cambio.status == .seeOther)
                #expect(try await aqui.get("/servidores").status == .ok)
                let fuera = try await alla.get("/servidores")
                #expect(fuera.status == .seeOther)
                #expect(fuera.headers.first(name: .location)?.hasPrefix("/ingresar") == true)
                #expect(try await otraCuenta.get("/servidores").status == .ok)
                // The new password opens a new session.
                let nueva = Navegador(app)
                _ = try await nueva.ingresar("jefe", "otra-clave-segura-42")
                #expect(try await nueva.get("/servidores").status == .ok)
            }
        }

        @Test("Control Interno gets 403 on any write to an evaluation, before its state or the form are checked")
        func aRoleThatMayNeverActGets403First() async throws {
            try await withPacta { app in
                let f = try await EDLFixture.crear(app)
                app.fijarHoy(Fecha(2026, 2, 5))
                let c = try await ServerTests.EDLAPI.abrir(app, f)
                #expect(try await app.get(c.ruta, token: f.token("oci")).status == .ok)
                // Out of turn for everyone (409 today), a malformed form (422), an unknown action: all 403.
                let intentos: [(HTTPMethod, String, [String: String])] = [
                    (.POST, "acciones", ["accion": "notificar"]),
                    (.POST, "acciones", ["accion": "no_existe"]),
                    (.PUT, "compromisos", [:]),
                    (.POST, "calificaciones", ["tramo": "1"]),
                    (.POST, "minimo", [:]),
                    (.POST, "comision", ["servidorId": "x"]),
                    (.POST, "plan", [:]),
                ]
                for (metodo, ruta, cuerpo) in intentos {
                    let r = try await app.sendJSON(metodo, "\(c.ruta)/\(ruta)", token: f.token("oci"), json: cuerpo)
                    #expect(r.status == .forbidden, "\(ruta) \(cuerpo): \(r.status) \(r.texto)")
                }
                let antes = try await c.detalle()
                #expect(antes.resumen.estado == "por_concertar")
                // Those who take part still get the stage's answer.
                #expect(try await c.accion("jefe", ["accion": "notificar"]).status == .conflict)
                // On the pages too.
                let nav = Navegador(app)
                _ = try await nav.ingresar("oci")
                let web = try await nav.post("/edl/evaluaciones/\(c.evaluacionID)/acciones", ["accion": "notificar"])
                #expect(web.status == .forbidden)
            }
        }

        @Test("The OpenAPI document lists the 400 of malformed query strings on the list endpoints")
        func openAPIListsThe400OfMalformedQueries() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let yaml = try await app.get("/api/v1/openapi.yaml", token: nil).texto
                for ruta in ["/api/v1/dependencias:", "/api/v1/procesos:", "/api/v1/empleos:", "/api/v1/edl/periodos/{id}/evaluaciones:"] {
                    let desde = try #require(yaml.range(of: "\n  \(ruta)\n"))
                    let resto = yaml[desde.upperBound...]
                    let bloque = resto.prefix(upTo: resto.range(of: "\n  /")?.lowerBound ?? resto.endIndex)
                    let get = bloque.prefix(upTo: bloque.range(of: "\n    post:")?.lowerBound ?? bloque.endIndex)
                    #expect(get.contains("'400':"), "\(ruta)")
                }
                // And the API answers it.
                for ruta in ["/api/v1/dependencias?tipo[]=a", "/api/v1/procesos?tipo[x]=b", "/api/v1/empleos?nivel[]=1"] {
                    let r = try await app.get(ruta, token: f.token("th"))
                    #expect([400, 422].contains(r.status.code), "\(ruta): \(r.status)")
                }
            }
        }
    }
}
