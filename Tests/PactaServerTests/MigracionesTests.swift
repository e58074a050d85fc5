import Fluent
import Foundation
import PactaCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

extension ServerTests {
    @Suite("Migraciones de datos")
    struct Migraciones {
        /// One row of a table as text, column by column, so rows compare across a round trip.
        static func filas(_ app: Application, _ sql: String) async throws -> [[String: String]] {
            let db = app.db as! any SQLDatabase
            return try await db.raw(SQLQueryString(sql)).all().map { fila in
                var r: [String: String] = [:]
                for c in fila.allColumns {
                    switch c {
                    case "id", "evaluacion_id", "compromiso_id", "autor_id": r[c] = try fila.decode(column: c, as: UUID?.self)?.uuidString ?? "∅"
                    case "tamano", "avance": r[c] = try fila.decode(column: c, as: Int?.self).map(String.init) ?? "∅"
                    case "es_observacion": r[c] = try fila.decode(column: c, as: Bool?.self).map { $0 ? "sí" : "no" } ?? "∅"
                    case "contenido": r[c] = try fila.decode(column: c, as: Data?.self)?.base64EncodedString() ?? "∅"
                    default: r[c] = try fila.decode(column: c, as: String?.self) ?? "∅"
                    }
                }
                return r
            }
        }

        @Test("The EDL's history, evidencias and plan de mejoramiento move to the shared tables and back, row for row, on this database")
        func edlATablasCompartidas() async throws {
            try await withPacta { app in
                // setup: an EDL evaluation in seguimiento with events, an evidencia with a file on a
                // compromiso, an observation and an action of the plan de mejoramiento with a follow-up.
                let c = try await EDLWeb.abrir(app)
                try await EDLWeb.concertar(c)
                let evaluado = try await c.navegador("evaluado")
                let compromiso = try #require(try await CompromisoLaboral.query(on: app.db).filter(\.$orden == 1).first())
                let subida = try await EDLWeb.multipart(evaluado, "\(c.ruta)/evidencias", campos: ["nota": "Informe", "compromisoId": compromiso.id!.uuidString],
                                                        archivo: ("informe.pdf", pdfDePrueba))
                #expect(subida.status == .seeOther)
                let jefe = try await c.navegador("jefe")
                #expect(try await EDLWeb.multipart(jefe, "\(c.ruta)/evidencias", campos: ["nota": "Va bien", "observacion": "si"], archivo: nil).status == .seeOther)
                #expect(try await jefe.post("\(c.ruta)/plan", ["accion": "Curso", "responsable": "Eva", "fechaLimite": "30/04/2026", "indicador": "Aprobado"]).status == .seeOther)
                let accion = try #require(try await AccionDeMejoramiento.query(on: app.db).first())
                #expect(try await jefe.post("\(c.ruta)/plan/\(accion.id!)/seguimientos", ["avance": "40", "nota": "En curso"]).status == .seeOther)
                // A Gestión Institucional event in the same shared table must stay where it is.
                try await TransicionService.registrarEvento(.gestionInstitucional, evaluacionID: UUID(), entidadID: c.f.base.entidadA.id!,
                                                            accion: "enviar_metas", rol: "evaluado", actor: "Otra", desde: "formulacion",
                                                            hacia: "revision_metas", detalle: "", hoy: Fecha(2026, 3, 2), on: app.db)

                let eventosSQL = "SELECT id, evaluacion_id, fecha, accion, rol, actor_nombre, estado_desde, estado_hacia, detalle FROM %@ %@ ORDER BY id"
                let evidenciasSQL = "SELECT id, evaluacion_id, %@, autor_id, fecha, autor_rol, nota, nombre_archivo, tipo_contenido, tamano, contenido, es_observacion FROM %@ %@ ORDER BY id"
                let accionesSQL = "SELECT id, evaluacion_id, accion, responsable, fecha_limite, indicador, causa, avance, seguimientos FROM %@ %@ ORDER BY id"
                let soloEDL = "WHERE instrumento = 'edl'"
                let eventos = try await Self.filas(app, String(format: eventosSQL, "eventos_evaluacion", soloEDL))
                let evidencias = try await Self.filas(app, String(format: evidenciasSQL, "referencia_id AS compromiso_id", "evidencias", soloEDL))
                let acciones = try await Self.filas(app, String(format: accionesSQL, "acciones_de_mejoramiento", soloEDL))
                #expect(eventos.count >= 5 && evidencias.count == 2 && acciones.count == 1)
                #expect(evidencias.contains { $0["compromiso_id"] == compromiso.id!.uuidString && $0["contenido"] == pdfDePrueba.base64EncodedString() })

                // MUT: revert the three moves, newest first, as `migrate --revert` would.
                try await MoverAccionesMejoramientoEDL().revert(on: app.db)
                try await MoverEvidenciasEDL().revert(on: app.db)
                try await MoverEventosEDL().revert(on: app.db)

                // validate: the EDL's own tables hold the same rows; the shared ones keep only the other instrument's.
                #expect(try await Self.filas(app, String(format: eventosSQL, "eventos_edl", "")) == eventos)
                #expect(try await Self.filas(app, String(format: evidenciasSQL, "compromiso_id", "evidencias_edl", "")) == evidencias)
                #expect(try await Self.filas(app, String(format: accionesSQL, "acciones_mejoramiento", "")) == acciones)
                #expect(try await EventoEvaluacion.query(on: app.db).count() == 1)
                #expect(try await Evidencia.query(on: app.db).count() == 0)
                #expect(try await AccionDeMejoramiento.query(on: app.db).count() == 0)

                // MUT: forward again.
                try await MoverEventosEDL().prepare(on: app.db)
                try await MoverEvidenciasEDL().prepare(on: app.db)
                try await MoverAccionesMejoramientoEDL().prepare(on: app.db)

                // validate: the same rows, with the entity of their evaluation; the old tables are gone; the pages still show them.
                #expect(try await Self.filas(app, String(format: eventosSQL, "eventos_evaluacion", soloEDL)) == eventos)
                #expect(try await Self.filas(app, String(format: evidenciasSQL, "referencia_id AS compromiso_id", "evidencias", soloEDL)) == evidencias)
                #expect(try await Self.filas(app, String(format: accionesSQL, "acciones_de_mejoramiento", soloEDL)) == acciones)
                #expect(try await Evidencia.query(on: app.db).all().allSatisfy { $0.$entidad.id == c.f.base.entidadA.id! })
                #expect(try await EventoEvaluacion.query(on: app.db).count() == eventos.count + 1)
                let sql = app.db as! any SQLDatabase
                await #expect(throws: (any Error).self) { try await sql.raw("SELECT COUNT(*) FROM eventos_edl").run() }
                let pagina = try await evaluado.get(c.ruta)
                #expect(pagina.texto.contains("informe.pdf") && pagina.texto.contains("Curso"))
            }
        }

        @Test("Every migration reverts, newest first, down to an empty database, and applies again")
        func everyMigrationRevertsAndAppliesAgain() async throws {
            try await withPacta { app in
                // setup
                _ = try await Fixture.crear(app)
                let sql = app.db as! any SQLDatabase

                // MUT
                try await app.autoRevert()

                // validate: nothing of Pacta is left, and the whole schema comes back.
                await #expect(throws: (any Error).self) { try await sql.raw("SELECT COUNT(*) FROM evaluaciones_edl").run() }
                await #expect(throws: (any Error).self) { try await sql.raw("SELECT COUNT(*) FROM servidores").run() }
                try await app.autoMigrate()
                #expect(try await Servidor.query(on: app.db).count() == 0)
                #expect(try await EventoEvaluacion.query(on: app.db).count() == 0)
            }
        }
    }
}
