import Fluent
import Foundation
import PactaCore
import Spreadsheet
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

extension ServerTests {
    @Suite struct EstructuraTests {
        @Test func badServantInputGetsSpanishMessagesPerFieldAndChangesNothing() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let antes = try await Servidor.query(on: app.db).count()
                let auditAntes = try await AuditEntry.query(on: app.db).count()
                let r = try await app.sendJSON(.POST, "/api/v1/servidores", token: f.token("th"),
                                               json: ["documento": "", "nombres": "Ana", "apellidos": "", "correo": "no-es-correo",
                                                      "tipoVinculacion": "contratista", "fechaPosesion": "31/02/2026", "dependenciaId": "abc"])
                #expect(r.status == .unprocessableEntity)
                let campos = try #require(r.error?.campos)
                #expect(campos["documento"] == "El documento es obligatorio.")
                #expect(campos["apellidos"] == "El apellido es obligatorio.")
                #expect(campos["correo"] == "«no-es-correo» no es un correo electrónico válido.")
                #expect(campos["tipoVinculacion"]?.contains("no es un valor válido") == true)
                #expect(campos["fechaPosesion"]?.contains("no es una fecha válida") == true)
                #expect(campos["dependenciaId"] != nil)
                #expect(try await Servidor.query(on: app.db).count() == antes)
                #expect(try await AuditEntry.query(on: app.db).count() == auditAntes)
            }
        }

        @Test func malformedJSONIsA400InSpanishNotA500() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                var h = HTTPHeaders()
                h.bearerAuthorization = BearerAuthorization(token: f.token("th"))
                h.contentType = .json
                let r = try await app.send(.POST, "/api/v1/servidores", headers: h, body: ByteBuffer(string: "{no es json"))
                #expect(r.status == .badRequest)
                #expect(r.error?.mensaje.hasPrefix("Los datos enviados no son válidos") == true)
                let q = try await app.get("/api/v1/servidores?pagina=abc", token: f.token("th"))
                #expect(q.status == .badRequest)
            }
        }

        @Test func servantIsCreatedUpdatedAndEveryChangeIsAudited() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let crear = try await app.sendJSON(.POST, "/api/v1/servidores", token: f.token("th"),
                                                   json: ["documento": "1.020.304", "nombres": "Nora", "apellidos": "Núñez", "correo": "NORA@a.gov.co",
                                                          "tipoVinculacion": "Período de prueba", "fechaPosesion": "03/08/2026",
                                                          "empleoId": f.empleoA.id!.uuidString, "dependenciaId": f.dependenciaA2.id!.uuidString,
                                                          "jefeId": f.jefe.id!.uuidString])
                #expect(crear.status == .created)
                let s = try crear.json(ServidorDTO.self)
                #expect(s.documento == "1020304")
                #expect(s.tipoVinculacion == .periodoDePrueba)
                #expect(s.instrumento == .edl)
                #expect(s.fechaPosesion == "2026-08-03")
                #expect(s.correo == "nora@a.gov.co")

                let duplicado = try await app.sendJSON(.POST, "/api/v1/servidores", token: f.token("th"),
                                                       json: ["documento": "1020304", "nombres": "Otra", "apellidos": "Vez", "tipoVinculacion": "carrera",
                                                              "dependenciaId": f.dependenciaA.id!.uuidString])
                #expect(duplicado.status == .unprocessableEntity)
                #expect(duplicado.error?.campos?["documento"] == "Ya existe un servidor con el documento 1020304.")

                let editar = try await app.sendJSON(.PUT, "/api/v1/servidores/\(s.id)", token: f.token("th"),
                                                    json: ["documento": "1020304", "nombres": "Nora Inés", "apellidos": "Núñez", "tipoVinculacion": "carrera",
                                                           "dependenciaId": f.dependenciaA2.id!.uuidString, "jefeId": f.jefe.id!.uuidString])
                #expect(editar.status == .ok)
                let entradas = try await AuditEntry.query(on: app.db).filter(\.$registroID == s.id.uuidString).sort(\.$secuencia).all()
                #expect(entradas.map(\.accion) == ["crear", "modificar"])
                #expect(entradas[1].antes?.contains("\"nombres\":\"Nora\"") == true)
                #expect(entradas[1].despues?.contains("\"nombres\":\"Nora Inés\"") == true)
                #expect(entradas[1].actor.contains("th"))
                #expect(entradas.allSatisfy { $0.entidadID == f.entidadA.id })
            }
        }

        @Test func aJefeCannotReportToTheirOwnReport() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let r = try await app.sendJSON(.PUT, "/api/v1/servidores/\(f.jefe.id!)", token: f.token("th"),
                                               json: ["documento": "1001", "nombres": "Julia", "apellidos": "Jefe", "tipoVinculacion": "libre_nombramiento",
                                                      "dependenciaId": f.dependenciaA.id!.uuidString, "jefeId": f.evaluado.id!.uuidString])
                #expect(r.status == .unprocessableEntity)
                #expect(r.error?.campos?["jefeId"]?.contains("en círculo") == true)
                #expect(try await Servidor.find(f.jefe.id, on: app.db)!.$jefe.id == nil)
            }
        }

        @Test func dependenciaTreeRefusesCyclesAndDuplicateCodes() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let ciclo = try await app.sendJSON(.PUT, "/api/v1/dependencias/\(f.dependenciaA.id!)", token: f.token("admin"),
                                                   json: ["codigo": "100", "nombre": "Despacho", "tipo": "despacho", "padreId": f.dependenciaA2.id!.uuidString])
                #expect(ciclo.status == .unprocessableEntity)
                #expect(ciclo.error?.campos?["padreId"] != nil)
                let dup = try await app.sendJSON(.POST, "/api/v1/dependencias", token: f.token("admin"), json: ["codigo": "AL01", "nombre": "Otra", "tipo": "oficina"])
                #expect(dup.error?.campos?["codigo"] == "Ya existe una dependencia con el código AL01.")
                // The same code is fine in another entity.
                let otra = try await app.sendJSON(.POST, "/api/v1/dependencias", token: f.token("adminb"), json: ["codigo": "AL01", "nombre": "Alcaldía B", "tipo": "Alcaldía local"])
                #expect(otra.status == .created)
                #expect(try otra.json(DependenciaDTO.self).tipo == .alcaldiaLocal)
            }
        }

        @Test func dependenciaPageShowsItsPlaceSubordinatesAndOnlyVisibleServants() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let th = Navegador(app)
                _ = try await th.ingresar("th")
                let lista = try await th.get("/estructura/dependencias").texto
                // Tree order: the Despacho, then the alcaldía under it, indented.
                let despacho = try #require(lista.range(of: ">Despacho<"))
                let alcaldia = try #require(lista.range(of: ">Alcaldía Local de Suba<"))
                #expect(despacho.lowerBound < alcaldia.lowerBound)
                #expect(lista.contains("class=\"nivel-1\"><a href=\"/estructura/dependencias/\(f.dependenciaA2.id!)\""))
                let pagina = try await th.get("/estructura/dependencias/\(f.dependenciaA2.id!)")
                #expect(pagina.status == .ok)
                #expect(pagina.texto.contains("Omar"))
                #expect(pagina.texto.contains("aria-current=\"page\">Alcaldía Local de Suba"))
                let raiz = try await th.get("/estructura/dependencias/\(f.dependenciaA.id!)").texto
                #expect(raiz.contains("AL01 · Alcaldía Local de Suba"))
                #expect(raiz.contains("Servidores (2)"))
                // The evaluado sees the dependencia but only themselves in it.
                let ev = Navegador(app)
                _ = try await ev.ingresar("evaluado")
                let suya = try await ev.get("/estructura/dependencias/\(f.dependenciaA.id!)").texto
                #expect(suya.contains("Servidores (1)"))
                #expect(!suya.contains(">Jefe, Julia<"))
                #expect(suya.contains(">Evaluada, Eva<"))
                #expect(try await ev.get("/estructura/dependencias/\(f.dependenciaB.id!)").status == .notFound)
            }
        }

        @Test func situacionesUpdateTheStructureAndAreValidated() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let ruta = "/api/v1/servidores/\(f.evaluado.id!)/situaciones"
                let mala = try await app.sendJSON(.POST, ruta, token: f.token("th"), json: ["tipo": "vacaciones", "fechaInicio": "01/12/2026"])
                #expect(mala.status == .unprocessableEntity)
                #expect(mala.error?.campos?["fechaFin"] == "Indique hasta cuándo duran las vacaciones.")
                #expect(try await SituacionAdministrativa.query(on: app.db).count() == 0)

                let traslado = try await app.sendJSON(.POST, ruta, token: f.token("th"),
                                                      json: ["tipo": "traslado", "fechaInicio": "02/11/2026", "dependenciaId": f.dependenciaA2.id!.uuidString,
                                                             "observacion": "Resolución 123"])
                #expect(traslado.status == .created)
                #expect(try await Servidor.find(f.evaluado.id, on: app.db)!.$dependencia.id == f.dependenciaA2.id)

                let cambio = try await app.sendJSON(.POST, ruta, token: f.token("th"),
                                                    json: ["tipo": "cambio_de_jefe", "fechaInicio": "03/11/2026", "jefeId": f.otro.id!.uuidString])
                #expect(cambio.status == .created)
                let dto = try cambio.json(SituacionDTO.self)
                #expect(dto.jefeAnteriorId == f.jefe.id)
                #expect(dto.jefeNuevoId == f.otro.id)
                #expect(try await Servidor.find(f.evaluado.id, on: app.db)!.$jefe.id == f.otro.id)

                let licencia = try await app.sendJSON(.POST, ruta, token: f.token("th"),
                                                      json: ["tipo": "licencia", "fechaInicio": "10/11/2026", "fechaFin": "20/12/2026"])
                #expect(licencia.status == .created)
                let retiro = try await app.sendJSON(.POST, ruta, token: f.token("th"), json: ["tipo": "retiro", "fechaInicio": "31/12/2026"])
                #expect(retiro.status == .created)
                #expect(try await Servidor.find(f.evaluado.id, on: app.db)!.activo == false)
                let despues = try await app.sendJSON(.POST, ruta, token: f.token("th"), json: ["tipo": "retiro", "fechaInicio": "31/12/2026"])
                #expect(despues.status == .conflict)

                let lista = try await app.get(ruta, token: f.token("evaluado")).json([SituacionDTO].self)
                #expect(lista.count == 4)
            }
        }

        @Test func servantListFiltersSearchPagesAndExports() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                func nombres(_ q: String) async throws -> [String] {
                    try await app.get("/api/v1/servidores?\(q)", token: f.token("th")).json(PaginaDTO<ServidorDTO>.self).items.map(\.nombres)
                }
                #expect(try await nombres("buscar=EVALUADA") == ["Eva"])
                #expect(try await nombres("buscar=nunez") == [])
                #expect(try await nombres("vinculacion=provisional") == ["Omar"])
                #expect(try await nombres("dependenciaId=\(f.dependenciaA2.id!)") == ["Omar"])
                #expect(Set(try await nombres("nivel=profesional")) == ["Eva", "Omar"])
                #expect(Set(try await nombres("incompletos=sin_jefe")) == ["Julia", "Omar"])
                #expect(try await nombres("incompletos=sin_empleo") == ["Julia"])
                let p = try await app.get("/api/v1/servidores?porPagina=2&pagina=2", token: f.token("th")).json(PaginaDTO<ServidorDTO>.self)
                #expect(p.total == 3 && p.items.count == 1 && p.pagina == 2)

                let nav = Navegador(app)
                _ = try await nav.ingresar("th")
                let xlsx = try await nav.get("/servidores?vinculacion=carrera&formato=xlsx")
                #expect(xlsx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                let tabla = try XLSX.read(Data(buffer: xlsx.body))
                #expect(tabla.rows.first?.cells.first == "Documento")
                #expect(tabla.rows.count == 2)
                #expect(tabla.rows[1].cells[2] == "Eva")
                let csv = try await nav.get("/servidores?formato=csv")
                let filas = try CSV.read(Data(buffer: csv.body))
                #expect(filas.rows.count == 4)
                #expect(filas.rows[0].cells[1] == "Apellidos")
                let malo = try await nav.get("/servidores?formato=pdf")
                #expect(malo.status == .badRequest)
                // Unknown filter values are refused with a clear message, not silently ignored.
                let filtro = try await app.get("/api/v1/servidores?vinculacion=contratista&porPagina=500", token: f.token("th"))
                #expect(filtro.status == .unprocessableEntity)
                #expect(filtro.error?.campos?["vinculacion"]?.hasPrefix("«contratista» no es un valor válido") == true)
                #expect(filtro.error?.campos?["porPagina"] == "Se pueden pedir entre 1 y 200 servidores por página.")
                #expect(try await app.get("/api/v1/dependencias?tipo=ministerio", token: f.token("th")).status == .unprocessableEntity)
                #expect(try await app.get("/api/v1/empleos?nivel=", token: f.token("th")).status == .ok)
            }
        }

        @Test(arguments: ["admin", "th", "oap", "oci", "jefe", "evaluado"])
        func everyPageOfTheRoleRendersInSpanish(_ rol: String) async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let nav = Navegador(app)
                _ = try await nav.ingresar(rol)
                let actor = try Actor(f.usuarios[rol]!)
                var paginas = ["/", "/servidores", "/calendario", "/cuenta/contrasena", "/servidores/\((actor.servidorID ?? f.otro.id!).uuidString)"]
                if actor.puede(.verEstructura) {
                    paginas += ["/estructura/dependencias", "/estructura/procesos", "/estructura/empleos", "/estructura/dependencias/\(f.dependenciaA.id!)"]
                }
                if actor.puede(.gestionarServidores) { paginas += ["/servidores/nuevo", "/servidores/\(f.evaluado.id!)/editar", "/estructura/dependencias/nueva"] }
                if actor.puede(.importar) { paginas += ["/importar"] }
                if actor.puede(.verAuditoria) { paginas += ["/auditoria"] }
                if actor.puede(.gestionarUsuarios) { paginas += ["/usuarios", "/usuarios/nuevo"] }
                for p in paginas {
                    let r = try await nav.get(p)
                    #expect(r.status == .ok, "\(p) para \(rol)")
                    #expect(r.texto.contains("<main id=\"contenido\""), "\(p)")
                    #expect(!r.texto.contains("#("), "plantilla sin procesar en \(p)")
                }
                #expect(try await nav.get("/auditoria").status == (actor.puede(.verAuditoria) ? .ok : .forbidden))
                #expect(try await nav.get("/importar").status == (actor.puede(.importar) ? .ok : .forbidden))
            }
        }

        @Test func webFormShowsFieldErrorsAndKeepsWhatWasTyped() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let nav = Navegador(app)
                _ = try await nav.ingresar("th")
                _ = try await nav.get("/servidores/nuevo")
                let r = try await nav.post("/servidores", ["documento": "555", "nombres": "Inés", "apellidos": "", "tipoVinculacion": "carrera",
                                                           "dependenciaId": f.dependenciaA.id!.uuidString, "correo": "mal"])
                #expect(r.status == .unprocessableEntity)
                #expect(r.texto.contains("No se guardó: revise los campos marcados."))
                #expect(r.texto.contains("value=\"Inés\""))
                #expect(r.texto.contains("aria-invalid=\"true\""))
                #expect(try await Servidor.query(on: app.db).filter(\.$documento == "555").count() == 0)
            }
        }
    }
}
