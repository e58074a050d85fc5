import Fluent
import Foundation
import PactaCore
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

/// For each role: another entity's records and other people's records are refused and nothing changes.
extension ServerTests {
    @Suite struct LimitesDeAccesoTests {
        static let rolesDeA = ["admin", "th", "oap", "oci", "jefe", "evaluado"]

        @Test(arguments: rolesDeA)
        func anotherEntitysServantIsInvisibleAndUntouchable(_ rol: String) async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let ruta = "/api/v1/servidores/\(f.servidorB.id!)"
                #expect(try await app.get(ruta, token: f.token(rol)).status == .notFound)
                let put = try await app.sendJSON(.PUT, ruta, token: f.token(rol),
                                                 json: ["documento": "2001", "nombres": "Cambiado", "apellidos": "X", "tipoVinculacion": "carrera",
                                                        "dependenciaId": f.dependenciaB.id!.uuidString])
                #expect(put.status == .notFound || put.status == .forbidden)
                #expect(try await app.get("/api/v1/dependencias/\(f.dependenciaB.id!)", token: f.token(rol)).status == .notFound)
                let sit = try await app.sendJSON(.POST, "\(ruta)/situaciones", token: f.token(rol), json: ["tipo": "retiro", "fechaInicio": "01/10/2026"])
                #expect(sit.status == .notFound || sit.status == .forbidden)
                let b = try await Servidor.find(f.servidorB.id, on: app.db)!
                #expect(b.nombres == "Beto")
                #expect(b.activo)
                // Lists never show it either.
                let lista = try await app.get("/api/v1/servidores?estado=todos&porPagina=200", token: f.token(rol)).json(PaginaDTO<ServidorDTO>.self)
                #expect(!lista.items.contains { $0.id == f.servidorB.id })
            }
        }

        @Test func eachRoleSeesExactlyItsServants() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                func ids(_ rol: String) async throws -> Set<UUID> {
                    Set(try await app.get("/api/v1/servidores?porPagina=200", token: f.token(rol)).json(PaginaDTO<ServidorDTO>.self).items.map(\.id))
                }
                let todos: Set<UUID> = [f.jefe.id!, f.evaluado.id!, f.otro.id!]
                for rol in ["admin", "th", "oap", "oci"] { #expect(try await ids(rol) == todos, "rol \(rol)") }
                #expect(try await ids("jefe") == [f.jefe.id!, f.evaluado.id!])
                #expect(try await ids("evaluado") == [f.evaluado.id!])
                #expect(try await ids("adminb") == [f.servidorB.id!])
            }
        }

        @Test(arguments: [("jefe", "otro", HTTPStatus.notFound), ("evaluado", "otro", .notFound), ("evaluado", "jefe", .notFound),
                          ("jefe", "evaluado", .ok), ("evaluado", "evaluado", .ok), ("oap", "otro", .ok)])
        func personalRecordsFollowTheStructure(_ rol: String, _ quien: String, _ esperado: HTTPStatus) async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let s = ["jefe": f.jefe, "evaluado": f.evaluado, "otro": f.otro][quien]!
                #expect(try await app.get("/api/v1/servidores/\(s.id!)", token: f.token(rol)).status == esperado)
                // Same rule on the web page.
                let nav = Navegador(app)
                _ = try await nav.ingresar(rol)
                let pagina = try await nav.get("/servidores/\(s.id!)")
                #expect(pagina.status == esperado)
                if esperado == .notFound { #expect(pagina.texto.contains("no existe o usted no tiene acceso")) }
            }
        }

        @Test(arguments: ["oap", "oci", "jefe", "evaluado"])
        func rolesWithoutManagementCannotChangeServantsOrStructure(_ rol: String) async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let servidoresAntes = try await Servidor.query(on: app.db).count()
                let auditAntes = try await AuditEntry.query(on: app.db).count()
                let crear = try await app.sendJSON(.POST, "/api/v1/servidores", token: f.token(rol),
                                                   json: ["documento": "777", "nombres": "N", "apellidos": "A", "tipoVinculacion": "carrera",
                                                          "dependenciaId": f.dependenciaA.id!.uuidString])
                #expect(crear.status == .forbidden)
                #expect(crear.error?.mensaje == "No tiene permiso para realizar esta acción.")
                let editar = try await app.sendJSON(.PUT, "/api/v1/servidores/\(f.evaluado.id!)", token: f.token(rol),
                                                    json: ["documento": "1002", "nombres": "Cambiada", "apellidos": "Evaluada", "tipoVinculacion": "carrera",
                                                           "dependenciaId": f.dependenciaA.id!.uuidString])
                #expect(editar.status == .forbidden || editar.status == .notFound)
                let dep = try await app.sendJSON(.POST, "/api/v1/dependencias", token: f.token(rol), json: ["codigo": "X", "nombre": "X", "tipo": "oficina"])
                #expect(dep.status == .forbidden)
                let sit = try await app.sendJSON(.POST, "/api/v1/servidores/\(f.evaluado.id!)/situaciones", token: f.token(rol),
                                                 json: ["tipo": "retiro", "fechaInicio": "01/10/2026"])
                #expect(sit.status == .forbidden)
                #expect(try await Servidor.query(on: app.db).count() == servidoresAntes)
                #expect(try await Servidor.find(f.evaluado.id, on: app.db)!.nombres == "Eva")
                #expect(try await AuditEntry.query(on: app.db).count() == auditAntes)
            }
        }

        @Test(arguments: [("th", HTTPStatus.forbidden), ("oap", .forbidden), ("jefe", .forbidden), ("oci", .ok), ("admin", .ok)])
        func auditTrailIsReadOnlyByControlInternoAndAdministrators(_ rol: String, _ esperado: HTTPStatus) async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                #expect(try await app.get("/api/v1/auditoria", token: f.token(rol)).status == esperado)
            }
        }

        @Test func onlyAdministratorsManageAccountsAndOnlyWithinTheirEntity() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                #expect(try await app.get("/api/v1/usuarios", token: f.token("th")).status == .forbidden)
                let cuentas = try await app.get("/api/v1/usuarios", token: f.token("admin")).json([UsuarioDTO].self)
                #expect(!cuentas.contains { $0.nombreUsuario == "adminb" })
                let ajena = f.usuarios["adminb"]!.id!
                let put = try await app.sendJSON(.PUT, "/api/v1/usuarios/\(ajena)", token: f.token("admin"),
                                                 json: ["nombreUsuario": "adminb", "nombre": "Hackeado", "rol": "servidor"])
                #expect(put.status == .notFound)
                #expect(try await Usuario.find(ajena, on: app.db)!.rol == .administrador)
                // A servant account cannot be linked to another entity's servant.
                let vinculo = try await app.sendJSON(.POST, "/api/v1/usuarios", token: f.token("admin"),
                                                     json: ["nombreUsuario": "nuevo", "nombre": "Nuevo", "rol": "servidor",
                                                            "servidorId": f.servidorB.id!.uuidString, "contrasena": "ClaveSegura123"])
                #expect(vinculo.status == .unprocessableEntity)
                #expect(vinculo.error?.campos?["servidorId"] == "El servidor no existe en la entidad.")
                // And only the installation administrator creates entities.
                let ent = try await app.sendJSON(.POST, "/api/v1/entidades", token: f.token("admin"),
                                                 json: ["nombre": "Otra", "sigla": "OT", "adminUsuario": "ot", "adminNombre": "Ot", "adminContrasena": "ClaveSegura123"])
                #expect(ent.status == .forbidden)
            }
        }
    }
}
