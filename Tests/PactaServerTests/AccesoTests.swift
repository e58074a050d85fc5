import Fluent
import Foundation
import PactaCore
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

extension ServerTests {
    @Suite struct AccesoTests {
        @Test func healthReportsTheDatabaseAsReachable() async throws {
            try await withPacta { app in
                let res = try await app.get("/health", token: nil)
                #expect(res.status == .ok)
                let estado = try res.json(Salud.Estado.self)
                #expect(estado.baseDeDatos == "disponible")
                #expect(estado.motor == (TestDatabase.postgresURL == nil ? "sqlite" : "postgresql"))
            }
        }

        @Test func unknownPagesAnswerASpanish404PageWithoutSession() async throws {
            try await withPacta { app in
                let r = try await app.send(.GET, "/favicon.ico")
                #expect(r.status == .notFound)
                #expect(r.texto.contains("La página o el recurso solicitado no existe."))
                let api = try await app.send(.GET, "/api/v1/no-existe")
                #expect(api.status == .notFound)
                #expect(api.error?.codigo == 404)
            }
        }

        @Test func apiWithoutTokenAnswers401InSpanish() async throws {
            try await withPacta { app in
                let res = try await app.get("/api/v1/servidores", token: nil)
                #expect(res.status == .unauthorized)
                #expect(res.error?.mensaje == "Debe iniciar sesión.")
                let falso = try await app.get("/api/v1/servidores", token: "no-es-un-token")
                #expect(falso.status == .unauthorized)
            }
        }

        @Test func tokenIsIssuedForRightCredentialsAndRevoked() async throws {
            try await withPacta { app in
                _ = try await Fixture.crear(app)
                let malo = try await app.sendJSON(.POST, "/api/v1/auth/token", token: nil, json: ["nombreUsuario": "th", "contrasena": "incorrecta"])
                #expect(malo.status == .unauthorized)
                #expect(malo.error?.mensaje == "Usuario o contraseña incorrectos.")

                let bueno = try await app.sendJSON(.POST, "/api/v1/auth/token", token: nil, json: ["nombreUsuario": "TH", "contrasena": Fixture.contrasena])
                #expect(bueno.status == .created)
                let token = try bueno.json(AuthAPI.TokenDTO.self).token
                let yo = try await app.get("/api/v1/yo", token: token)
                #expect(try yo.json(UsuarioDTO.self).rol == .talentoHumano)

                var h = HTTPHeaders()
                h.bearerAuthorization = BearerAuthorization(token: token)
                #expect(try await app.send(.DELETE, "/api/v1/auth/token", headers: h).status == .noContent)
                #expect(try await app.get("/api/v1/yo", token: token).status == .unauthorized)
            }
        }

        @Test func repeatedFailedSignInsAreThrottledEvenWithTheRightPassword() async throws {
            try await withPacta { app in
                _ = try await Fixture.crear(app)
                for _ in 0..<Acceso.maximoPorUsuario {
                    let r = try await app.sendJSON(.POST, "/api/v1/auth/token", token: nil, json: ["nombreUsuario": "oap", "contrasena": "mala"])
                    #expect(r.status == .unauthorized)
                }
                let bloqueado = try await app.sendJSON(.POST, "/api/v1/auth/token", token: nil, json: ["nombreUsuario": "oap", "contrasena": Fixture.contrasena])
                #expect(bloqueado.status == .tooManyRequests)
                #expect(bloqueado.error?.mensaje.contains("Demasiados intentos") == true)
                // Another account is not affected.
                let otro = try await app.sendJSON(.POST, "/api/v1/auth/token", token: nil, json: ["nombreUsuario": "oci", "contrasena": Fixture.contrasena])
                #expect(otro.status == .created)
            }
        }

        @Test func webSignInSignOutAndProtectedPages() async throws {
            try await withPacta { app in
                _ = try await Fixture.crear(app)
                let nav = Navegador(app)
                let sinSesion = try await nav.get("/servidores")
                #expect(sinSesion.status == .seeOther)
                #expect(sinSesion.headers.first(name: .location)?.hasPrefix("/ingresar") == true)

                let fallo = try await nav.ingresar("th", "equivocada")
                #expect(fallo.status == .unauthorized)
                #expect(fallo.texto.contains("Usuario o contraseña incorrectos."))

                let ok = try await nav.ingresar("th")
                #expect(ok.status == .seeOther)
                let inicio = try await nav.get("/")
                #expect(inicio.status == .ok)
                #expect(inicio.texto.contains("Lo que le corresponde"))
                #expect(inicio.texto.contains("lang=\"es-CO\""))

                #expect(try await nav.post("/salir", [:]).status == .seeOther)
                #expect(try await nav.get("/").status == .seeOther)
            }
        }

        @Test func formsWithoutTheCSRFTokenAreRefusedAndChangeNothing() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let nav = Navegador(app)
                _ = try await nav.ingresar("th")
                _ = try await nav.get("/estructura/dependencias/nueva")
                let antes = try await Dependencia.query(on: app.db).count()
                let sin = try await nav.post("/estructura/dependencias", ["codigo": "900", "nombre": "Nueva", "tipo": "oficina"], conCSRF: false)
                #expect(sin.status == .forbidden)
                #expect(sin.texto.contains("El formulario venció"))
                nav.csrf = "otro-token"
                let falso = try await nav.post("/estructura/dependencias", ["codigo": "900", "nombre": "Nueva", "tipo": "oficina"])
                #expect(falso.status == .forbidden)
                #expect(try await Dependencia.query(on: app.db).count() == antes)

                _ = try await nav.get("/estructura/dependencias/nueva")
                let bien = try await nav.post("/estructura/dependencias", ["codigo": "900", "nombre": "Nueva", "tipo": "oficina", "padreId": f.dependenciaA.id!.uuidString])
                #expect(bien.status == .seeOther)
                #expect(try await Dependencia.query(on: app.db).count() == antes + 1)
            }
        }

        @Test func temporaryPasswordMustBeChangedBeforeAnythingElse() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let u = f.usuarios["oci"]!
                u.debeCambiarContrasena = true
                try await u.save(on: app.db)
                let nav = Navegador(app)
                let r = try await nav.ingresar("oci")
                #expect(r.headers.first(name: .location) == "/cuenta/contrasena")
                #expect(try await nav.get("/servidores").headers.first(name: .location) == "/cuenta/contrasena")

                _ = try await nav.get("/cuenta/contrasena")
                let corta = try await nav.post("/cuenta/contrasena", ["actual": Fixture.contrasena, "nueva": "corta1", "confirmacion": "corta1"])
                #expect(corta.status == .unprocessableEntity)
                #expect(corta.texto.contains("al menos 10 caracteres"))
                let mal = try await nav.post("/cuenta/contrasena", ["actual": "otra-cosa-99", "nueva": "NuevaClave2026", "confirmacion": "NuevaClave2026"])
                #expect(mal.texto.contains("La contraseña actual no es correcta."))
                let ok = try await nav.post("/cuenta/contrasena", ["actual": Fixture.contrasena, "nueva": "NuevaClave2026", "confirmacion": "NuevaClave2026"])
                #expect(ok.status == .seeOther)
                #expect(try await nav.get("/servidores").status == .ok)
                let guardado = try await Usuario.find(u.id, on: app.db)!
                #expect(guardado.debeCambiarContrasena == false)
                #expect(try app.password.verify("NuevaClave2026", created: guardado.passwordHash))
            }
        }

        @Test(arguments: ["/%09/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/%0d%0aSet-Cookie:x=1", "/servidores"])
        func signInOnlyRedirectsWithinPacta(_ siguiente: String) async throws {
            try await withPacta { app in
                _ = try await Fixture.crear(app)
                let nav = Navegador(app)
                _ = try await nav.get("/ingresar")
                let decodificado = siguiente.removingPercentEncoding ?? siguiente
                let r = try await nav.post("/ingresar", ["nombreUsuario": "th", "contrasena": Fixture.contrasena, "siguiente": decodificado])
                #expect(r.headers.first(name: .location) == (siguiente == "/servidores" ? "/servidores" : "/"))
            }
        }

        @Test func apiTokensWaitForATemporaryPasswordToBeChangedAndDieWithTheOldPassword() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let u = f.usuarios["oci"]!
                u.debeCambiarContrasena = true
                try await u.save(on: app.db)
                let r = try await app.sendJSON(.POST, "/api/v1/auth/token", token: nil, json: ["nombreUsuario": "oci", "contrasena": Fixture.contrasena])
                #expect(r.status == .forbidden)
                #expect(r.error?.mensaje.contains("contraseña es temporal") == true)
                // The fixture's token of that account stops working once the password changes.
                #expect(try await app.get("/api/v1/yo", token: f.token("oci")).status == .ok)
                let nav = Navegador(app)
                _ = try await nav.ingresar("oci")
                _ = try await nav.get("/cuenta/contrasena")
                _ = try await nav.post("/cuenta/contrasena", ["actual": Fixture.contrasena, "nueva": "NuevaClave2026", "confirmacion": "NuevaClave2026"])
                #expect(try await app.get("/api/v1/yo", token: f.token("oci")).status == .unauthorized)
                // Issuing a token is recorded.
                let nuevo = try await app.sendJSON(.POST, "/api/v1/auth/token", token: nil, json: ["nombreUsuario": "oci", "contrasena": "NuevaClave2026"])
                #expect(nuevo.status == .created)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$accion == "emitir token de API").count() == 1)
            }
        }

        @Test func anEntityAdministratorCannotTakeOverTheInstallationAdministrator() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let global = f.usuarios["admin"]!
                global.esAdministradorGlobal = true
                try await global.save(on: app.db)
                let otro = Usuario(entidadID: f.entidadA.id!, nombreUsuario: "ana", nombre: "Ana", passwordHash: try app.password.hash(Fixture.contrasena), rol: .administrador)
                try await otro.create(on: app.db)
                let token = Tokens.nuevo()
                try await ApiToken(usuarioID: otro.id!, tokenHash: Tokens.sha256(token), nombre: "t", expira: Date().addingTimeInterval(600)).create(on: app.db)
                let r = try await app.sendJSON(.PUT, "/api/v1/usuarios/\(global.id!)", token: token,
                                               json: ["nombreUsuario": "admin", "nombre": "Admin", "rol": "administrador", "contrasena": "Tomada2026xx"])
                #expect(r.status == .forbidden)
                #expect(try app.password.verify(Fixture.contrasena, created: try await Usuario.find(global.id, on: app.db)!.passwordHash))
            }
        }

        @Test func sessionCookieIsHttpOnlyAndSameSite() async throws {
            try await withPacta { app in
                _ = try await Fixture.crear(app)
                let nav = Navegador(app)
                _ = try await nav.get("/ingresar")
                let r = try await nav.post("/ingresar", ["nombreUsuario": "th", "contrasena": Fixture.contrasena])
                let c = try #require(r.headers.setCookie?["pacta_sesion"])
                #expect(c.isHTTPOnly)
                #expect(c.sameSite == .lax)
            }
        }

        @Test func sessionsStoreOnlyAHashAndExpireOnTheServer() async throws {
            try await withPacta { app in
                _ = try await Fixture.crear(app)
                let nav = Navegador(app)
                _ = try await nav.ingresar("th")
                let valor = try #require(nav.cookie?.replacingOccurrences(of: "pacta_sesion=", with: ""))
                let filas = try await SesionWeb.query(on: app.db).all()
                #expect(filas.count == 1)
                #expect(filas[0].claveHash == Tokens.sha256(valor))
                #expect(!filas[0].datos.contains(valor))
                #expect(try await nav.get("/servidores").status == .ok)
                // Once it expires, the same cookie is worth nothing, and the row is purged by the next new session.
                filas[0].expira = Date().addingTimeInterval(-1)
                try await filas[0].save(on: app.db)
                let r = try await nav.get("/servidores")
                #expect(r.status == .seeOther)
                _ = try await Navegador(app).get("/ingresar")
                #expect(try await SesionWeb.query(on: app.db).filter(\.$id == filas[0].id!).count() == 0)
            }
        }

        @Test func readingPagesLeavesTheSessionRowAloneUntilItsExpiryIsMinutesOld() async throws {
            try await withPacta { app in
                _ = try await Fixture.crear(app)
                let nav = Navegador(app)
                _ = try await nav.ingresar("th")
                let fila = try #require(try await SesionWeb.query(on: app.db).first())
                let expira = fila.expira
                #expect(try await nav.get("/servidores").status == .ok)
                #expect(try await nav.get("/").status == .ok)
                #expect(try await SesionWeb.find(fila.id, on: app.db)?.expira == expira)
                // Past the renewal window, the next page pushes the expiry back.
                let vieja = Date().addingTimeInterval(SesionesEnBaseDeDatos.inactividad - SesionesEnBaseDeDatos.renovacion - 60)
                fila.expira = vieja
                try await fila.save(on: app.db)
                #expect(try await nav.get("/servidores").status == .ok)
                let renovada = try #require(try await SesionWeb.find(fila.id, on: app.db)?.expira)
                #expect(renovada > vieja.addingTimeInterval(60))
            }
        }

        @Test func twoServerInstancesShareTheSameSessions() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pacta-sesiones-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try await withPacta(sqliteDirectory: dir) { app in
                _ = try await Fixture.crear(app)
                let nav = Navegador(app)
                _ = try await nav.ingresar("th")
                let cookie = try #require(nav.cookie)
                // A second instance on the same database, as behind a load balancer.
                try await withApp(configure: { otra in
                    try await configure(otra, settings: TestDatabase.settings(sqliteDirectory: dir), bootstrap: false)
                }) { otra in
                    var h = HTTPHeaders()
                    h.replaceOrAdd(name: .cookie, value: cookie)
                    let r = try await otra.send(.GET, "/servidores", headers: h)
                    #expect(r.status == .ok)
                    #expect(r.texto.contains("Servidores"))
                }
            }
        }
    }
}
