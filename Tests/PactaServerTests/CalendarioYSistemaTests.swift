import Fluent
import Foundation
import PactaCore
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

extension ServerTests {
    @Suite struct CalendarioYSistemaTests {
        @Test func holidaysAndBusinessDaysThroughTheAPI() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let festivos = try await app.get("/api/v1/calendario/festivos?anio=2026", token: f.token("evaluado")).json([CalendarioAPI.DiaDTO].self)
                #expect(festivos.count == 19)
                #expect(festivos.contains { $0.fecha == "2026-07-13" })
                let calc = try await app.get("/api/v1/calendario/dias-habiles?desde=31/01/2023&dias=15", token: f.token("evaluado")).json(CalendarioAPI.CalculoDTO.self)
                #expect(calc.hasta == "2023-02-21")
                let entre = try await app.get("/api/v1/calendario/dias-habiles?desde=2023-01-31&hasta=2023-02-21", token: f.token("evaluado")).json(CalendarioAPI.CalculoDTO.self)
                #expect(entre.diasHabiles == 15)
                let malo = try await app.get("/api/v1/calendario/dias-habiles?desde=ayer&dias=x", token: f.token("evaluado"))
                #expect(malo.status == .unprocessableEntity)
                #expect(malo.error?.campos?["desde"] != nil)
            }
        }

        @Test func anEntitysOwnDayOffMovesDeadlinesOnlyForThatEntity() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let negado = try await app.sendJSON(.POST, "/api/v1/calendario/dias-no-habiles", token: f.token("evaluado"), json: ["fecha": "02/02/2023", "motivo": "X"])
                #expect(negado.status == .forbidden)
                let r = try await app.sendJSON(.POST, "/api/v1/calendario/dias-no-habiles", token: f.token("th"),
                                               json: ["fecha": "02/02/2023", "motivo": "Decreto 045 de 2023"])
                #expect(r.status == .created)
                let dup = try await app.sendJSON(.POST, "/api/v1/calendario/dias-no-habiles", token: f.token("th"), json: ["fecha": "2023-02-02", "motivo": "Otra"])
                #expect(dup.status == .unprocessableEntity)
                let a = try await app.get("/api/v1/calendario/dias-habiles?desde=31/01/2023&dias=15", token: f.token("evaluado")).json(CalendarioAPI.CalculoDTO.self)
                #expect(a.hasta == "2023-02-22")
                let b = try await app.get("/api/v1/calendario/dias-habiles?desde=31/01/2023&dias=15", token: f.token("adminb")).json(CalendarioAPI.CalculoDTO.self)
                #expect(b.hasta == "2023-02-21")
            }
        }

        @Test func homePageSaysWhatIsDuePerRole() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let hoy = Fecha(2026, 11, 20)
                let th = try await InicioWeb.contexto(Actor(f.usuarios["th"]!), hoy: hoy, on: app.db)
                #expect(th.pendientes.contains { $0.texto == "2 servidor(es) sin jefe inmediato" })
                #expect(th.tarjetas.first?.cifra == 3)
                #expect(th.porVinculacion.first { $0.etiqueta == "Carrera administrativa" }?.valor == 1)
                #expect(th.porVinculacion.map(\.valor) == TipoVinculacion.allCases.map { [.carrera, .provisional, .libreNombramiento].contains($0) ? 1 : 0 })
                #expect(th.pendientes.contains { $0.texto == "1 servidor(es) sin empleo asignado" })
                let jefe = try await InicioWeb.contexto(Actor(f.usuarios["jefe"]!), hoy: hoy, on: app.db)
                #expect(jefe.equipo.map(\.nombre) == ["Eva Evaluada"])
                #expect(jefe.tarjetas.isEmpty)
                let evaluado = try await InicioWeb.contexto(Actor(f.usuarios["evaluado"]!), hoy: hoy, on: app.db)
                #expect(evaluado.ficha?.instrumento == "Evaluación del Desempeño Laboral (EDL)")
                #expect(evaluado.pendientes.isEmpty)
                #expect(evaluado.proximosFestivos.first?.hasPrefix("08/12/2026") == true)
            }
        }

        @Test func demoEntityCoversEveryVinculacionNivelAndRoleAndLoadsOnce() async throws {
            try await withPacta { app in
                let r = try await DemoData.cargar(app)
                #expect(!r.yaExistia)
                #expect(r.servidores >= 40)
                let servidores = try await Servidor.query(on: app.db).filter(\.$entidad.$id == r.entidadID).with(\.$empleo).with(\.$dependencia).all()
                #expect(Set(servidores.map(\.tipoVinculacion)) == Set(TipoVinculacion.allCases))
                #expect(Set(servidores.compactMap { $0.empleo?.nivel }) == Set(NivelJerarquico.allCases))
                let deps = try await Dependencia.query(on: app.db).filter(\.$entidad.$id == r.entidadID).all()
                #expect(deps.count >= 4)
                #expect(deps.contains { $0.tipo == .alcaldiaLocal })
                #expect(try await Proceso.query(on: app.db).filter(\.$entidad.$id == r.entidadID).count() >= 3)
                let gerentes = servidores.filter { $0.tipoVinculacion == .gerentePublico }
                #expect(gerentes.count == 2)
                let superior = try #require(gerentes.first?.$jefe.id)
                #expect(gerentes.allSatisfy { $0.$jefe.id == superior })
                #expect(servidores.filter { $0.$jefe.id == nil }.count == 1)
                let usuarios = try await Usuario.query(on: app.db).filter(\.$entidad.$id == r.entidadID).all()
                #expect(Set(usuarios.map(\.rol)) == Set(Rol.allCases))
                #expect(usuarios.contains { $0.$servidor.id == superior })
                let otra = try await DemoData.cargar(app)
                #expect(otra.yaExistia)
                #expect(try await Servidor.query(on: app.db).count() == servidores.count)
                // Its accounts work.
                let token = try await app.sendJSON(.POST, "/api/v1/auth/token", token: nil, json: ["nombreUsuario": "demo.jefe", "contrasena": DemoData.contrasena])
                #expect(token.status == .created)
            }
        }

        @Test func firstStartCreatesOneAdministratorWithAOneTimePassword() async throws {
            try await withPacta { app in
                try await Bootstrap.primerInicio(app)
                try await Bootstrap.primerInicio(app)
                let admins = try await Usuario.query(on: app.db).all()
                #expect(admins.count == 1)
                #expect(admins[0].debeCambiarContrasena)
                #expect(admins[0].esAdministradorGlobal)
                #expect(try await AuditLog.verificar(on: app.db).hallazgos.isEmpty)
            }
        }

        @Test func everyAPIRouteIsDescribedByTheOpenAPIDocumentAndViceVersa() async throws {
            try await withPacta { app in
                let yaml = try OpenAPIDocumento.texto()
                var documentadas: Set<String> = []
                var ruta: String?
                for linea in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
                    if linea.hasPrefix("  /"), linea.hasSuffix(":") { ruta = String(linea.dropFirst(2).dropLast()); continue }
                    if !linea.hasPrefix("  "), !linea.isEmpty { ruta = nil }
                    let t = linea.trimmingCharacters(in: .whitespaces)
                    if let ruta, linea.hasPrefix("    "), !linea.hasPrefix("     "),
                       let m = ["get", "post", "put", "delete", "patch"].first(where: { t == "\($0):" }) {
                        documentadas.insert("\(m.uppercased()) \(ruta)")
                    }
                }
                let servidas = Set(app.routes.all.compactMap { r -> String? in
                    let path = "/" + r.path.map { c -> String in
                        if case .parameter(let p) = c { return "{\(p)}" }
                        return c.description
                    }.joined(separator: "/")
                    guard path.hasPrefix("/api/v1/") || path == "/health" else { return nil }
                    return "\(r.method.rawValue) \(path)"
                })
                #expect(servidas.subtracting(documentadas).isEmpty, "sin documentar: \(servidas.subtracting(documentadas).sorted())")
                #expect(documentadas.subtracting(servidas).isEmpty, "documentadas pero no servidas: \(documentadas.subtracting(servidas).sorted())")
                let res = try await app.get("/api/v1/openapi.yaml", token: nil)
                #expect(res.status == .ok)
                #expect(res.texto.hasPrefix("openapi: 3"))
            }
        }
    }
}

extension ServerTests {
    @Suite struct ErroresTests {
        struct Restriccion: DatabaseError, Error {
            var isSyntaxError: Bool { false }
            var isConstraintFailure: Bool { true }
            var isConnectionClosed: Bool { false }
        }

        @Test func aUniqueConstraintRaceIsAConflictNotAServerError() throws {
            let (status, mensaje, _) = PactaErrorMiddleware.traducir(Restriccion())
            #expect(status == .conflict)
            #expect(mensaje.contains("vuelva a intentarlo"))
        }

        @Test func aDuplicateInsertedBehindTheServicesBackIsRefusedByTheDatabase() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let copia = Dependencia(entidadID: f.entidadA.id!, codigo: "100", nombre: "Copia", tipo: .oficina)
                do {
                    try await copia.create(on: app.db)
                    Issue.record("la base de datos aceptó un código repetido")
                } catch {
                    #expect(PactaErrorMiddleware.traducir(error).0 == .conflict)
                }
            }
        }

        @Test func unexpectedErrorsAreA500WithoutInternals() {
            struct Interno: Error {}
            let (status, mensaje, _) = PactaErrorMiddleware.traducir(Interno())
            #expect(status == .internalServerError)
            #expect(mensaje == "Ocurrió un error inesperado. Se registró para revisión.")
        }
    }
}
