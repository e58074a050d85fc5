import Fluent
import Foundation
import PactaCore
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

/// Sign-in under load: the throttle holds for simultaneous attempts and across instances, and SQLite
/// takes a small office's morning rush.
extension ServerTests {
    @Suite struct ConcurrenciaDeAccesoTests {
        static func intentos(_ apps: [Application], _ n: Int, usuario: @escaping @Sendable (Int) -> String,
                             contrasena: String = "no-es-la-clave-1") async throws -> [HTTPStatus] {
            try await withThrowingTaskGroup(of: HTTPStatus.self) { grupo in
                for i in 0..<n {
                    let app = apps[i % apps.count]
                    grupo.addTask {
                        try await app.sendJSON(.POST, "/api/v1/auth/token", token: nil,
                                               json: ["nombreUsuario": usuario(i), "contrasena": contrasena]).status
                    }
                }
                var todos: [HTTPStatus] = []
                for try await s in grupo { todos.append(s) }
                return todos
            }
        }

        /// A second instance of Pacta on the same database (a file for SQLite), as behind a load balancer.
        static func conOtraInstancia(_ test: (Application, Application) async throws -> Void) async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pacta-acceso-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try await withPacta(sqliteDirectory: dir) { app in
                try await withApp(configure: { otra in
                    try await configure(otra, settings: TestDatabase.settings(sqliteDirectory: dir), bootstrap: false)
                }) { otra in
                    try await test(app, otra)
                }
            }
        }

        @Test("Sixteen simultaneous wrong passwords for one account: at most five 401s, the rest 429, on two instances")
        func simultaneousWrongPasswordsForOneAccount() async throws {
            try await Self.conOtraInstancia { app, otra in
                // setup
                _ = try await Fixture.crear(app)
                // MUT
                let estados = try await Self.intentos([app, otra], 16, usuario: { _ in "evaluado" })
                // validate
                let no = estados.filter { $0 == .unauthorized }.count
                let bloqueados = estados.filter { $0 == .tooManyRequests }.count
                #expect(no <= Acceso.maximoPorUsuario, "\(estados)")
                #expect(no + bloqueados == 16, "\(estados)")
                #expect(try await IntentoDeAcceso.query(on: app.db).filter(\.$nombreUsuario == "evaluado").count() == no)
                // Then even the right password waits, on either instance, once five failures are recorded.
                if no == Acceso.maximoPorUsuario {
                    let r = try await otra.sendJSON(.POST, "/api/v1/auth/token", token: nil, json: ["nombreUsuario": "evaluado", "contrasena": Fixture.contrasena])
                    #expect(r.status == .tooManyRequests)
                }
            }
        }

        @Test("Forty simultaneous wrong passwords from one address for different accounts: at most thirty 401s")
        func simultaneousWrongPasswordsFromOneAddress() async throws {
            try await Self.conOtraInstancia { app, otra in
                _ = try await Fixture.crear(app)
                let estados = try await Self.intentos([app, otra], 40, usuario: { "cuenta\($0)" })
                let no = estados.filter { $0 == .unauthorized }.count
                #expect(no <= PoliticaDeAcceso.maximoPorIP, "\(no) de 40")
                #expect(no + estados.filter { $0 == .tooManyRequests }.count == 40)
            }
        }

        @Test("Forty simultaneous sign-ins from one address with the real bcrypt cost: all signed in, none 500 or 429")
        func morningRush() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pacta-manana-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try await withPacta(sqliteDirectory: dir) { app in
                // setup: forty accounts with the production cost, all behind one address (an office's NAT).
                let f = try await Fixture.crear(app)
                app.passwords.use(.bcrypt(cost: 12))
                let hash = try await app.password.async.hash(Fixture.contrasena)
                for i in 0..<40 {
                    try await Usuario(entidadID: f.entidadA.id!, nombreUsuario: "persona\(i)", nombre: "Persona \(i)", passwordHash: hash, rol: .servidor)
                        .create(on: app.db)
                }
                // MUT: the web sign-in, which also writes a session.
                let estados = try await withThrowingTaskGroup(of: (HTTPStatus, String).self) { grupo in
                    for i in 0..<40 {
                        grupo.addTask {
                            // As a browser: the sign-in page gives the session and its CSRF token, then the form is sent.
                            let nav = Navegador(app)
                            var h = HTTPHeaders()
                            let pagina = try await app.send(.GET, "/ingresar", headers: h)
                            nav.recordar(pagina)
                            guard pagina.status == .ok, let cookie = nav.cookie, let csrf = nav.csrf else { return (pagina.status, pagina.texto) }
                            h.replaceOrAdd(name: .cookie, value: cookie)
                            h.contentType = .urlEncodedForm
                            let r = try await app.send(.POST, "/ingresar", headers: h,
                                                       body: ByteBuffer(string: "nombreUsuario=persona\(i)&contrasena=\(Fixture.contrasena.formEncoded)&siguiente=%2F&_csrf=\(csrf.formEncoded)"))
                            return (r.status, r.status == .seeOther ? "" : r.texto)
                        }
                    }
                    var todos: [(HTTPStatus, String)] = []
                    for try await s in grupo { todos.append(s) }
                    return todos
                }
                // validate
                #expect(estados.filter { $0.0.code >= 500 }.isEmpty, "\(estados.filter { $0.0.code >= 500 }.map(\.1).prefix(2))")
                #expect(estados.allSatisfy { $0.0 == .seeOther }, "\(estados.map(\.0.code))")
                #expect(try await IntentoDeAcceso.query(on: app.db).filter(\.$exitoso == true).count() == 40)
            }
        }
    }
}
