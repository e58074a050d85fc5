import Fluent
import Foundation
import PactaCore
import Spreadsheet
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

extension ServerTests {
    @Suite struct ImportacionTests {
        static let planta = """
        Número de documento;Nombres;Apellidos;Correo electrónico;Tipo de vinculación;Fecha de posesión;Denominación del empleo;Código del empleo;Grado;Nivel jerárquico;Código dependencia;Documento del jefe inmediato
        3001;Laura;Pardo;laura@a.gov.co;Carrera administrativa;15/02/2019;Profesional Especializado;222;24;Profesional;AL01;1001
        3002;Mario;Quiroga;;Provisional;2022-07-01;Técnico Operativo;314;05;Técnico;AL01;3001
        3003;Sofía;Rincón;sofia@a.gov.co;LNR;01/03/2024;Asesor;105;03;Asesor;100;
        """

        static func subir(_ app: Application, _ token: String, tipo: String, nombre: String, _ datos: Data) async throws -> TestingHTTPResponse {
            var h = HTTPHeaders()
            h.bearerAuthorization = BearerAuthorization(token: token)
            h.contentType = HTTPMediaType(type: "application", subType: "octet-stream")
            return try await app.send(.POST, "/api/v1/importaciones?tipo=\(tipo)&archivo=\(nombre)", headers: h, body: ByteBuffer(data: datos))
        }

        @Test("An import refuses the texts the forms and the API refuse: the same limits through all three doors")
        func importsEnforceTheFormsLimits() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let largo = String(repeating: "x", count: 5000)
                let planta = """
                Número de documento;Nombres;Apellidos;Correo electrónico;Tipo de vinculación;Código dependencia
                3001;\(largo);Pardo;;Carrera administrativa;100
                3002;Mario;\(String(repeating: "q", count: 300));;Provisional;100
                3003;Sofía;Rincón;\(String(repeating: "s", count: 190))@a.gov.co;LNR;100
                """
                let v = try await Self.subir(app, f.token("th"), tipo: "servidores", nombre: "planta.csv", Data(planta.utf8)).json(ImportService.Vista.self)
                #expect(v.errores.map(\.motivo).sorted() == ["El apellido admite máximo 100 caracteres.", "El correo admite máximo 150 caracteres.",
                                                            "El nombre admite máximo 100 caracteres."])
                let aplicar = try await app.sendJSON(.POST, "/api/v1/importaciones/\(v.id)/aplicar", token: f.token("th"), json: [String: String]())
                #expect(aplicar.status.code >= 400)
                #expect(try await Servidor.query(on: app.db).filter(\.$documento ~~ ["3001", "3002", "3003"]).count() == 0)
                // The API refuses the same name with the same message.
                let api = try await app.sendJSON(.POST, "/api/v1/servidores", token: f.token("th"),
                                                 json: ["documento": "3001", "nombres": largo, "apellidos": "Pardo", "tipoVinculacion": "carrera",
                                                        "dependenciaId": f.dependenciaA.id!.uuidString])
                #expect(api.error?.campos?["nombres"] == "El nombre admite máximo 100 caracteres.")
                let dependencias = "Código;Nombre\n\(String(repeating: "7", count: 40));Oficina\nD2;\(String(repeating: "n", count: 300))\n"
                let d = try await Self.subir(app, f.token("th"), tipo: "dependencias", nombre: "dep.csv", Data(dependencias.utf8)).json(ImportService.Vista.self)
                #expect(d.errores.map(\.motivo).sorted() == ["El código admite máximo 30 caracteres.", "El nombre admite máximo 200 caracteres."])
            }
        }

        @Test func validFileIsPreviewedThenAppliedAndReimportDuplicatesNothing() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let previa = try await Self.subir(app, f.token("th"), tipo: "servidores", nombre: "planta.csv", Data(Self.planta.utf8))
                #expect(previa.status == .created)
                let v = try previa.json(ImportService.Vista.self)
                #expect(v.errores.isEmpty)
                #expect(v.registros == 3)
                // Nothing is stored before applying.
                #expect(try await Servidor.query(on: app.db).filter(\.$documento == "3001").count() == 0)

                let r = try await app.sendJSON(.POST, "/api/v1/importaciones/\(v.id)/aplicar", token: f.token("th"), json: [String: String]())
                let resumen = try r.json(ImportService.Resumen.self)
                #expect(resumen.creados == 3)
                let laura = try #require(try await Servidor.query(on: app.db).filter(\.$documento == "3001").with(\.$empleo).first())
                #expect(laura.$jefe.id == f.jefe.id)
                #expect(laura.fechaPosesion == "2019-02-15")
                #expect(laura.empleo?.nivel == .profesional)
                let mario = try #require(try await Servidor.query(on: app.db).filter(\.$documento == "3002").first())
                #expect(mario.$jefe.id == laura.id)
                #expect(mario.tipoVinculacion == .provisional)

                let otraVez = try await app.sendJSON(.POST, "/api/v1/importaciones/\(v.id)/aplicar", token: f.token("th"), json: [String: String]())
                #expect(otraVez.status == .conflict)

                // The same file again: updates by documento, creates nothing.
                let total = try await Servidor.query(on: app.db).count()
                let empleos = try await Empleo.query(on: app.db).count()
                let v2 = try await Self.subir(app, f.token("th"), tipo: "servidores", nombre: "planta.csv", Data(Self.planta.utf8)).json(ImportService.Vista.self)
                let r2 = try await app.sendJSON(.POST, "/api/v1/importaciones/\(v2.id)/aplicar", token: f.token("th"), json: [String: String]()).json(ImportService.Resumen.self)
                #expect(r2.creados == 0 && r2.actualizados == 0 && r2.sinCambios == 3)
                #expect(try await Servidor.query(on: app.db).count() == total)
                #expect(try await Empleo.query(on: app.db).count() == empleos)

                // A changed row updates that servant only.
                let cambiado = Self.planta.replacingOccurrences(of: "3003;Sofía;Rincón", with: "3003;Sofía Elena;Rincón")
                let v3 = try await Self.subir(app, f.token("th"), tipo: "servidores", nombre: "planta.csv", Data(cambiado.utf8)).json(ImportService.Vista.self)
                let r3 = try await app.sendJSON(.POST, "/api/v1/importaciones/\(v3.id)/aplicar", token: f.token("th"), json: [String: String]()).json(ImportService.Resumen.self)
                #expect(r3.actualizados == 1 && r3.sinCambios == 2)
            }
        }

        @Test func reimportingWithFewerColumnsKeepsWhatIsStored() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let v = try await Self.subir(app, f.token("th"), tipo: "servidores", nombre: "planta.csv", Data(Self.planta.utf8)).json(ImportService.Vista.self)
                _ = try await app.sendJSON(.POST, "/api/v1/importaciones/\(v.id)/aplicar", token: f.token("th"), json: [String: String]())
                let corto = """
                Documento;Nombres;Apellidos;Vinculación;Código dependencia
                3002;Mario José;Quiroga;Provisional;AL01
                """
                let v2 = try await Self.subir(app, f.token("th"), tipo: "servidores", nombre: "nombres.csv", Data(corto.utf8)).json(ImportService.Vista.self)
                let r = try await app.sendJSON(.POST, "/api/v1/importaciones/\(v2.id)/aplicar", token: f.token("th"), json: [String: String]()).json(ImportService.Resumen.self)
                #expect(r.actualizados == 1)
                let mario = try #require(try await Servidor.query(on: app.db).filter(\.$documento == "3002").first())
                let laura = try #require(try await Servidor.query(on: app.db).filter(\.$documento == "3001").first())
                #expect(mario.nombres == "Mario José")
                #expect(mario.$jefe.id == laura.id)
                #expect(mario.fechaPosesion == "2022-07-01")
                #expect(mario.$empleo.id != nil)
            }
        }

        @Test func reimportingTheSameStructureChangesNothingAndWritesNoAudit() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let deps = Data("Código;Nombre;Tipo;Código dependencia superior\n500;Oficina Jurídica;Oficina;100\n501;Grupo de Conceptos;Grupo;500\n".utf8)
                for esperado in [2, 0] {
                    let v = try await Self.subir(app, f.token("th"), tipo: "dependencias", nombre: "deps.csv", deps).json(ImportService.Vista.self)
                    let antes = try await AuditEntry.query(on: app.db).filter(\.$tipoRegistro == "dependencia").count()
                    let r = try await app.sendJSON(.POST, "/api/v1/importaciones/\(v.id)/aplicar", token: f.token("th"), json: [String: String]()).json(ImportService.Resumen.self)
                    #expect(r.creados == esperado)
                    #expect(r.actualizados == 0)
                    #expect(try await AuditEntry.query(on: app.db).filter(\.$tipoRegistro == "dependencia").count() == antes + esperado)
                }
            }
        }

        @Test func badRowsAreReportedWithLineColumnAndReasonAndNothingIsApplied() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let malo = """
                documento,nombres,apellidos,tipo de vinculacion,fecha de posesion,codigo dependencia
                4001,Ana,Uno,carrera,01/01/2020,100
                4002,Bea,Dos,contratista,01/01/2020,100
                4003,Cami,Tres,carrera,32/01/2020,999
                4001,Dani,Cuatro,carrera,,100
                """
                let v = try await Self.subir(app, f.token("th"), tipo: "servidores", nombre: "malo.csv", Data(malo.utf8)).json(ImportService.Vista.self)
                let errores = v.errores.map { "\($0.linea)|\($0.columna)" }
                #expect(errores.contains("3|Tipo de vinculación"))
                #expect(errores.contains("4|Fecha de posesión"))
                #expect(errores.contains("4|Código dependencia"))
                #expect(errores.contains("5|Documento"))
                #expect(v.errores.first { $0.linea == 5 }?.motivo == "El documento 4001 ya aparece en la línea 2.")
                let antes = try await Servidor.query(on: app.db).count()
                let r = try await app.sendJSON(.POST, "/api/v1/importaciones/\(v.id)/aplicar", token: f.token("th"), json: [String: String]())
                #expect(r.status == .unprocessableEntity)
                #expect(r.error?.mensaje.contains("No se aplicó ningún cambio") == true)
                #expect(try await Servidor.query(on: app.db).count() == antes)
            }
        }

        @Test func xlsxStructureAndStaffImportInOrder() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let deps = try XLSX.write([XLSX.Sheet(name: "Dependencias", rows: [
                    [.text("Código"), .text("Nombre"), .text("Tipo"), .text("Código dependencia superior")],
                    [.text("AL02"), .text("Alcaldía Local de Kennedy"), .text("Alcaldía local"), .text("100")],
                    [.text("AL02-1"), .text("Grupo de Gestión Policiva"), .text("Grupo interno de trabajo"), .text("AL02")],
                ])])
                let vd = try await Self.subir(app, f.token("th"), tipo: "dependencias", nombre: "deps.xlsx", deps).json(ImportService.Vista.self)
                #expect(vd.errores.isEmpty)
                _ = try await app.sendJSON(.POST, "/api/v1/importaciones/\(vd.id)/aplicar", token: f.token("th"), json: [String: String]())
                let grupo = try #require(try await Dependencia.query(on: app.db).filter(\.$codigo == "AL02-1").with(\.$padre).first())
                #expect(grupo.padre?.codigo == "AL02")
                #expect(grupo.tipo == .grupo)

                let staff = try XLSX.write([XLSX.Sheet(name: "Planta", rows: [
                    [.text("Cédula"), .text("Nombres"), .text("Apellidos"), .text("Vinculación"), .text("Fecha de ingreso"), .text("Código dependencia")],
                    [.number(52100001), .text("Rosa"), .text("Téllez"), .text("Temporal"), .date(year: 2025, month: 1, day: 1), .text("AL02-1")],
                ])])
                let vs = try await Self.subir(app, f.token("th"), tipo: "servidores", nombre: "planta.xlsx", staff).json(ImportService.Vista.self)
                #expect(vs.errores.isEmpty, "\(vs.errores)")
                _ = try await app.sendJSON(.POST, "/api/v1/importaciones/\(vs.id)/aplicar", token: f.token("th"), json: [String: String]())
                let rosa = try #require(try await Servidor.query(on: app.db).filter(\.$documento == "52100001").first())
                #expect(rosa.fechaPosesion == "2025-01-01")
                #expect(rosa.$dependencia.id == grupo.id)
            }
        }

        @Test func garbageFilesAreRefusedInSpanish() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let zip = try await Self.subir(app, f.token("th"), tipo: "servidores", nombre: "x.xlsx", Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]))
                #expect(zip.status == .unprocessableEntity)
                #expect(zip.error?.mensaje.isEmpty == false)
                let vacio = try await Self.subir(app, f.token("th"), tipo: "servidores", nombre: "x.csv", Data())
                #expect(vacio.error?.mensaje == "El archivo está vacío.")
                let tipo = try await Self.subir(app, f.token("th"), tipo: "nomina", nombre: "x.csv", Data("a".utf8))
                #expect(tipo.status == .unprocessableEntity)
                #expect(try await ImportBatch.query(on: app.db).count() == 0)
            }
        }

        @Test func importIsForTalentoHumanoAndStaysInItsEntity() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let negado = try await Self.subir(app, f.token("oap"), tipo: "servidores", nombre: "planta.csv", Data(Self.planta.utf8))
                #expect(negado.status == .forbidden)
                let v = try await Self.subir(app, f.token("th"), tipo: "servidores", nombre: "planta.csv", Data(Self.planta.utf8)).json(ImportService.Vista.self)
                let ajeno = try await app.sendJSON(.POST, "/api/v1/importaciones/\(v.id)/aplicar", token: f.token("adminb"), json: [String: String]())
                #expect(ajeno.status == .notFound)
                #expect(try await Servidor.query(on: app.db).filter(\.$documento == "3001").count() == 0)
            }
        }

        @Test func webImportShowsErrorsThenAppliesAfterConfirmation() async throws {
            try await withPacta { app in
                _ = try await Fixture.crear(app)
                let nav = Navegador(app)
                _ = try await nav.ingresar("th")
                _ = try await nav.get("/importar")
                let boundary = "PactaLimite"
                var cuerpo = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(nav.csrf!)\r\n"
                cuerpo += "--\(boundary)\r\nContent-Disposition: form-data; name=\"tipo\"\r\n\r\nservidores\r\n"
                cuerpo += "--\(boundary)\r\nContent-Disposition: form-data; name=\"archivo\"; filename=\"planta.csv\"\r\nContent-Type: text/csv\r\n\r\n\(Self.planta)\r\n--\(boundary)--\r\n"
                var h = HTTPHeaders()
                h.replaceOrAdd(name: .cookie, value: nav.cookie!)
                h.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                let r = try await app.send(.POST, "/importar", headers: h, body: ByteBuffer(string: cuerpo))
                #expect(r.status == .seeOther)
                let destino = try #require(r.headers.first(name: .location))
                let revision = try await nav.get(destino)
                #expect(revision.texto.contains("3 registro(s) listos para aplicar"))
                let aplicar = try await nav.post("\(destino)/aplicar", [:])
                #expect(aplicar.status == .seeOther)
                #expect(try await nav.get("/importar").texto.contains("Importación aplicada: 3 creado(s)"))
            }
        }
    }
}
