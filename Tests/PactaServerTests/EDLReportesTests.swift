import Fluent
import Foundation
import PactaCore
import Spreadsheet
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

extension ServerTests {
    @Suite("EDL: reportes, exportaciones y formatos")
    struct EDLReportes {
        /// A period built through the services, with fixed dates.
        struct Escenario {
            let f: Fixture
            let periodo: PeriodoEDL
            let ana: Servidor
            let beto: Servidor?
            /// Evaluations by servant id.
            let evaluaciones: [UUID: UUID]
            let compromisos: [UUID: [CompromisoLaboral]]

            var eva: UUID { evaluaciones[f.evaluado.id!]! }
            var evAna: UUID { evaluaciones[ana.id!]! }
            var evBeto: UUID { evaluaciones[beto!.id!]! }
        }

        static func actor(_ f: Fixture, _ clave: String) throws -> Actor { try Actor(f.usuarios[clave]!) }

        static func servidor(_ app: Application, _ f: Fixture, documento: String, nombres: String, apellidos: String,
                             dependencia: Dependencia) async throws -> Servidor {
            let s = Servidor(entidadID: f.entidadA.id!, documento: documento, nombres: nombres, apellidos: apellidos, correo: nil,
                             tipoVinculacion: .carrera, fechaPosesion: Fecha(2020, 2, 3), empleoID: f.empleoA.id,
                             dependenciaID: dependencia.id, jefeID: f.jefe.id)
            try await s.create(on: app.db)
            return s
        }

        static func abrir(_ app: Application, _ f: Fixture, preset: String, plantilla: String, hoy: Fecha) async throws -> PeriodoEDL {
            let th = try actor(f, "th")
            let i = try await InstrumentosEDLService.crear(.init(preset: preset, nombre: nil), th, on: app.db)
            let a = try await PeriodosEDLService.abrir(.init(instrumentoId: i.id!.uuidString, plantilla: plantilla, anio: "2026"), th, hoy: hoy, on: app.db)
            return a.periodo
        }

        static func evaluaciones(_ app: Application, _ p: PeriodoEDL) async throws -> [UUID: UUID] {
            let evs = try await EvaluacionEDL.query(on: app.db).filter(\.$periodo.$id == p.id!).all()
            return Dictionary(uniqueKeysWithValues: evs.map { ($0.$servidor.id, $0.id!) })
        }

        static func guardarCompromisos(_ app: Application, _ f: Fixture, _ ev: UUID, comportamentales: [String], hoy: Fecha) async throws {
            let input = EvaluacionesEDLService.CompromisosInput(compromisos: [
                .init(verbo: "Elaborar", objeto: "los informes mensuales de seguimiento del proceso", condicion: "dentro de los cinco días hábiles siguientes al mes",
                      evidencias: "Informes radicados", peso: "60", meta: nil),
                .init(verbo: "Tramitar", objeto: "las peticiones asignadas", condicion: "en los términos de ley", evidencias: "Reporte del gestor documental",
                      peso: "40", meta: nil),
            ], comportamentales: comportamentales)
            _ = try await EvaluacionesEDLService.guardarCompromisos(ev, input, actor(f, "jefe"), hoy: hoy, on: app.db)
        }

        static func accion(_ app: Application, _ f: Fixture, _ quien: String, _ ev: UUID, _ a: String, hoy: Fecha,
                           fecha: String? = nil, observacion: String? = nil) async throws {
            var input = EvaluacionesEDLService.AccionInput()
            input.accion = a
            input.fecha = fecha
            input.observacion = observacion
            if a == "notificar" { input.medio = "personal" }
            _ = try await EvaluacionesEDLService.ejecutar(ev, input, actor(f, quien), hoy: hoy, on: app.db)
        }

        static func calificar(_ app: Application, _ f: Fixture, _ ev: UUID, _ compromisos: [CompromisoLaboral], _ valor: String,
                              tramo: UUID? = nil, hoy: Fecha) async throws {
            var input = TramosEDLService.CalificarInput()
            input.tramoId = tramo?.uuidString
            input.cumplimientos = Dictionary(uniqueKeysWithValues: compromisos.map { ($0.id!.uuidString, valor) })
            input.motivacion = tramo == nil ? "Cumplimiento verificado con las evidencias del portafolio." : nil
            input.observaciones = "Seguimiento conforme a lo concertado."
            _ = try await TramosEDLService.calificar(ev, input, actor(f, "jefe"), hoy: hoy, on: app.db)
        }

        /// The seed-003 instrument, first semester 2026, in entity A: Eva (Despacho) concerts, records
        /// an evidencia, has a parcial for a licencia and is rated 90; Ana (Despacho) is rated 55 and
        /// has a plan de mejoramiento; both are notified and en firme. Beto (Alcaldía Local) is rated 70
        /// on 01/07/2026 and not notified. The jefe (LNR, no evaluador) never concerts.
        static func semestral(_ app: Application) async throws -> Escenario {
            let f = try await Fixture.crear(app)
            let ana = try await servidor(app, f, documento: "1010", nombres: "Ana", apellidos: "Aguilar", dependencia: f.dependenciaA)
            let beto = try await servidor(app, f, documento: "1011", nombres: "Beto", apellidos: "Bernal", dependencia: f.dependenciaA2)
            let p = try await abrir(app, f, preset: "semestral_gth", plantilla: "semestre_1", hoy: Fecha(2026, 1, 5))
            let evs = try await evaluaciones(app, p)
            let eva = evs[f.evaluado.id!]!
            for ev in [eva, evs[ana.id!]!, evs[beto.id!]!] {
                try await guardarCompromisos(app, f, ev, comportamentales: ["trabajo_en_equipo", "orientacion_a_resultados"], hoy: Fecha(2026, 1, 12))
            }
            try await accion(app, f, "jefe", eva, "enviar_a_firma", hoy: Fecha(2026, 1, 12))
            try await accion(app, f, "evaluado", eva, "firmar", hoy: Fecha(2026, 1, 13))
            for ev in [evs[ana.id!]!, evs[beto.id!]!] {
                try await accion(app, f, "jefe", ev, "fijar_sin_acuerdo", hoy: Fecha(2026, 1, 14), observacion: "No hubo acuerdo sobre los pesos.")
            }
            var compromisos: [UUID: [CompromisoLaboral]] = [:]
            for (s, ev) in evs { compromisos[s] = try await EvaluacionesEDLService.vigentes(ev, on: app.db) }

            // Seguimiento: an evidencia of Eva's first compromiso, an observation, a plan for Ana.
            _ = try await SeguimientoEDLService.agregar(eva, .init(nota: "Informe de enero radicado", compromisoId: compromisos[f.evaluado.id!]![0].id!.uuidString,
                                                                  observacion: nil),
                                                        archivo: nil, actor(f, "evaluado"), hoy: Fecha(2026, 2, 10), on: app.db)
            _ = try await SeguimientoEDLService.agregar(eva, .init(nota: "Buen avance en las peticiones", compromisoId: nil, observacion: "si"),
                                                        archivo: nil, actor(f, "jefe"), hoy: Fecha(2026, 3, 2), on: app.db)
            let plan = try await SeguimientoEDLService.agregarAccion(evs[ana.id!]!, .init(accion: "Curso de redacción de informes", responsable: "Ana Aguilar",
                                                                                        fechaLimite: "30/04/2026", indicador: "Curso aprobado",
                                                                                        causa: "Informes con errores"),
                                                                     actor(f, "jefe"), hoy: Fecha(2026, 3, 2), on: app.db)
            _ = try await SeguimientoEDLService.seguirAccion(evs[ana.id!]!, accionID: plan.id, .init(avance: "50", nota: "Va en la mitad"),
                                                             actor(f, "jefe"), hoy: Fecha(2026, 4, 1), on: app.db)

            // A licencia of 46 days opens Eva's parcial (01/01–30/04), rated 90.
            _ = try await SituacionesService.registrar(SituacionInput(tipo: "licencia", fechaInicio: "01/05/2026", fechaFin: "15/06/2026"),
                                                       servidorID: f.evaluado.id, actor(f, "th"), on: app.db)
            let parcial = try #require(try await TramosEDLService.tramos(eva, on: app.db).first)
            try await calificar(app, f, eva, compromisos[f.evaluado.id!]!, "90", tramo: parcial.id, hoy: Fecha(2026, 5, 4))

            // The semester's definitive ratings.
            let fin = Fecha(2026, 7, 1)
            try await calificar(app, f, eva, compromisos[f.evaluado.id!]!, "90", hoy: fin)
            try await calificar(app, f, evs[ana.id!]!, compromisos[ana.id!]!, "55", hoy: fin)
            try await calificar(app, f, evs[beto.id!]!, compromisos[beto.id!]!, "70", hoy: fin)
            for ev in [eva, evs[ana.id!]!] {
                try await accion(app, f, "th", ev, "notificar", hoy: Fecha(2026, 7, 2), fecha: "02/07/2026")
                try await accion(app, f, "th", ev, "declarar_en_firme", hoy: Fecha(2026, 7, 10))
            }
            return Escenario(f: f, periodo: p, ana: ana, beto: beto, evaluaciones: evs, compromisos: compromisos)
        }

        static func navegador(_ app: Application, _ usuario: String) async throws -> Navegador {
            let n = Navegador(app)
            let r = try await n.ingresar(usuario)
            #expect(r.status == .seeOther || r.status == .found, "\(usuario): \(r.status)")
            return n
        }

        @Test("Progress counts per state and a late concertación and signature with their días hábiles overdue")
        func progresoYAtrasos() async throws {
            try await withPacta { app in
                // setup: CNSC period opened on 02/02/2026, concertación due 20/02/2026
                let f = try await Fixture.crear(app)
                let ana = try await Self.servidor(app, f, documento: "1010", nombres: "Ana", apellidos: "Aguilar", dependencia: f.dependenciaA2)
                let p = try await Self.abrir(app, f, preset: "cnsc_2018", plantilla: "anual", hoy: Fecha(2026, 2, 2))
                let evs = try await Self.evaluaciones(app, p)
                let eva = evs[f.evaluado.id!]!
                try await Self.guardarCompromisos(app, f, eva, comportamentales: ["aprendizaje_continuo", "trabajo_en_equipo", "comunicacion_efectiva"],
                                                  hoy: Fecha(2026, 2, 10))
                try await Self.accion(app, f, "jefe", eva, "enviar_a_firma", hoy: Fecha(2026, 2, 10))
                let hoy = Fecha(2026, 3, 2)
                let terminos = Terminos(definicion: try p.definicion, calendario: try await CalendarioService.calendario(f.entidadA.id!, on: app.db))

                // MUT
                let progreso = try await ReportesEDL.progreso(p.id!, on: app.db)
                let atrasos = try await ReportesEDL.atrasos(p, terminos: terminos, hoy: hoy, on: app.db)
                let antes = try await ReportesEDL.atrasos(p, terminos: terminos, hoy: Fecha(2026, 2, 20), on: app.db)

                // validate: 20/02 (Fri) → 02/03 (Mon) is 6 días hábiles
                #expect(progreso.first { $0.estado == "por_concertar" }?.evaluaciones == 1)
                #expect(progreso.first { $0.estado == "por_firmar" }?.evaluaciones == 1)
                #expect(progreso.first { $0.estado == "por_firmar" }?.porcentajeTexto == "50,00")
                #expect(progreso.reduce(0) { $0 + $1.evaluaciones } == 2)
                #expect(antes.isEmpty)
                #expect(atrasos.count == 2)
                let deAna = try #require(atrasos.first { $0.evaluacionId == evs[ana.id!]! })
                #expect(deAna.paso == "concertacion" && deAna.diasHabiles == 6 && deAna.venceTexto == "20/02/2026")
                #expect(deAna.responsableNombre == "Julia Jefe" && deAna.dependencia == "Alcaldía Local de Suba")
                let deEva = try #require(atrasos.first { $0.evaluacionId == eva })
                #expect(deEva.paso == "firma" && deEva.diasHabiles == 6 && deEva.responsableNombre == "Eva Evaluada")

                // the same through the API and the page, with the app's clock
                app.fijarHoy(hoy)
                let api = try await app.get("/api/v1/edl/periodos/\(p.id!)/reporte", token: f.token("th"))
                #expect(api.status == .ok, "\(api.texto)")
                let r = try api.json(ReporteEDLDTO.self)
                #expect(r.total == 2 && r.atrasos.map(\.diasHabiles) == [6, 6])
                #expect(r.atrasosPorPaso.first { $0.paso == "concertacion" }?.evaluaciones == 1)
                #expect(try await app.get("/api/v1/edl/periodos/\(p.id!)/reporte", token: f.token("oci")).status == .ok)
                #expect(try await app.get("/api/v1/edl/periodos/\(p.id!)/reporte", token: f.token("jefe")).status == .forbidden)
                #expect(try await app.get("/api/v1/edl/periodos/\(p.id!)/reporte", token: f.token("adminb")).status == .notFound)
                #expect(try await app.get("/api/v1/edl/periodos/\(UUID())/reporte", token: f.token("th")).status == .notFound)

                let th = try await Self.navegador(app, "th")
                let pagina = try await th.get("/edl/periodos/\(p.id!)/reportes")
                #expect(pagina.status == .ok)
                #expect(pagina.texto.contains("Concertación de compromisos"))
                #expect(pagina.texto.contains("Aguilar, Ana"))
                #expect(pagina.texto.contains("20/02/2026"))
                #expect(pagina.texto.contains("ancho-50"))
                #expect(!pagina.texto.contains("style="))
                let jefe = try await Self.navegador(app, "jefe")
                #expect(try await jefe.get("/edl/periodos/\(p.id!)/reportes").status == .forbidden)
                #expect(try await jefe.get("/edl/insubsistencia").status == .forbidden)
            }
        }

        @Test("A parcial not rated in time is late; a semester is late unless a separation carries it into the next stretch")
        func parcialesYSemestresAtrasados() async throws {
            try await withPacta { app in
                // setup: CNSC period; Eva gets a licencia 01/06–15/07 that opens a parcial due 17/06; nobody rates anything
                let f = try await Fixture.crear(app)
                let ana = try await Self.servidor(app, f, documento: "1010", nombres: "Ana", apellidos: "Aguilar", dependencia: f.dependenciaA2)
                let p = try await Self.abrir(app, f, preset: "cnsc_2018", plantilla: "anual", hoy: Fecha(2026, 2, 2))
                let evs = try await Self.evaluaciones(app, p)
                for ev in evs.values {
                    try await Self.guardarCompromisos(app, f, ev, comportamentales: ["aprendizaje_continuo", "trabajo_en_equipo", "comunicacion_efectiva"],
                                                      hoy: Fecha(2026, 2, 10))
                    try await Self.accion(app, f, "jefe", ev, "fijar_sin_acuerdo", hoy: Fecha(2026, 2, 10), observacion: "Sin acuerdo.")
                }
                _ = try await SituacionesService.registrar(SituacionInput(tipo: "licencia", fechaInicio: "01/06/2026", fechaFin: "15/07/2026"),
                                                           servidorID: f.evaluado.id, Self.actor(f, "th"), on: app.db)
                let terminos = Terminos(definicion: try p.definicion, calendario: try await CalendarioService.calendario(f.entidadA.id!, on: app.db))

                // MUT
                let atrasos = try await ReportesEDL.atrasos(p, terminos: terminos, hoy: Fecha(2026, 8, 31), on: app.db)

                // validate: the parcial, 17/06 → 31/08 (holidays 29/06, 20/07, 07/08, 17/08 and 13/07 of 2026 excluded)
                let parcial = try #require(atrasos.first { $0.evaluacionId == evs[f.evaluado.id!]! })
                #expect(parcial.paso == "parcial" && parcial.venceTexto == "17/06/2026" && parcial.diasHabiles == 48)
                #expect(parcial.detalle.contains("01/02/2026 – 31/05/2026"))
                // Eva's 01/06–31/07 has 16 días laborados: rated with the final stretch, so not late.
                #expect(atrasos.filter { $0.evaluacionId == evs[f.evaluado.id!]! }.count == 1)
                // Ana's first semester was due 15 días hábiles after 31/07: 25/08/2026.
                let semestre = try #require(atrasos.first { $0.evaluacionId == evs[ana.id!]! })
                #expect(semestre.paso == "calificacion" && semestre.venceTexto == "25/08/2026" && semestre.diasHabiles == 4)
                #expect(semestre.detalle.hasPrefix("Primer semestre"))
                #expect(atrasos.first?.diasHabiles == 48)
            }
        }

        @Test("Results by dependencia, nivel and vinculación average the right scores; who is late to notify")
        func resultados() async throws {
            try await withPacta { app in
                // setup
                let e = try await Self.semestral(app)
                let d = try e.periodo.definicion
                let hoy = Fecha(2026, 7, 15)
                let terminos = Terminos(definicion: d, calendario: try await CalendarioService.calendario(e.f.entidadA.id!, on: app.db))

                // MUT
                let r = try await ReportesEDL.resultados(e.periodo.id!, escala: d.escala, on: app.db)
                let progreso = try await ReportesEDL.progreso(e.periodo.id!, on: app.db)
                let atrasos = try await ReportesEDL.atrasos(e.periodo, terminos: terminos, hoy: hoy, on: app.db)

                // validate: Despacho (90 and 55) → 72,50; Alcaldía Local (70) → 70,00
                #expect(progreso.first { $0.estado == "en_firme" }?.evaluaciones == 2)
                #expect(progreso.first { $0.estado == "calificada" }?.evaluaciones == 1)
                #expect(progreso.first { $0.estado == "por_concertar" }?.evaluaciones == 1)
                #expect(r.calificadas == 3)
                #expect(r.promedio?.texto == "71,67")
                let despacho = try #require(r.dependencias.first { $0.nombre == "Despacho" })
                #expect(despacho.calificadas == 2 && despacho.promedioTexto == "72,50")
                #expect(despacho.satisfactorias == 1 && despacho.noSatisfactorias == 1)
                #expect(despacho.porNivel.map(\.evaluaciones) == [1, 0, 0, 1])
                let alcaldia = try #require(r.dependencias.first { $0.nombre == "Alcaldía Local de Suba" })
                #expect(alcaldia.calificadas == 1 && alcaldia.promedioTexto == "70,00")
                #expect(r.niveles.map(\.nombre) == ["Profesional"] && r.niveles[0].promedioTexto == "71,67")
                #expect(r.vinculaciones.map(\.clave) == ["carrera"] && r.vinculaciones[0].calificadas == 3)
                #expect(r.distribucion.map(\.nombre) == ["No satisfactoria", "Satisfactoria", "Destacado", "Sobresaliente"])
                #expect(r.distribucion.map(\.evaluaciones) == [1, 1, 0, 1])
                #expect(r.distribucion[0].porcentajeTexto == "33,33")
                // Beto, rated 01/07, was due to be notified by 08/07 (5 días hábiles); 13/07 is a holiday → 4 days late.
                let beto = try #require(atrasos.first { $0.evaluacionId == e.evBeto })
                #expect(beto.paso == "notificacion" && beto.venceTexto == "08/07/2026" && beto.diasHabiles == 4)
                #expect(beto.responsable == "Talento Humano")
                // The jefe's own evaluation has no evaluador and was never concerted.
                #expect(atrasos.contains { $0.paso == "concertacion" && $0.responsableNombre == "Sin evaluador asignado" })
                #expect(!atrasos.contains { $0.evaluacionId == e.eva || $0.evaluacionId == e.evAna })
            }
        }

        @Test("Report tables export to .xlsx and CSV with numbers as numbers and dates as dates")
        func exportaciones() async throws {
            try await withPacta { app in
                // setup
                let e = try await Self.semestral(app)
                app.fijarHoy(Fecha(2026, 7, 15))
                let th = try await Self.navegador(app, "th")
                let ruta = "/edl/periodos/\(e.periodo.id!)/reportes"

                // MUT: dependencias as .xlsx
                let xlsx = try await th.get("\(ruta)?tabla=dependencias&formato=xlsx")
                #expect(xlsx.status == .ok)
                #expect(xlsx.headers.first(name: .contentDisposition)?.contains(".xlsx") == true)
                let tabla = try XLSX.read(Data(buffer: xlsx.body))
                #expect(tabla.rows.first?.cells == ["Dependencia", "Calificadas", "Promedio", "Satisfactorias", "No satisfactorias",
                                                    "No satisfactoria", "Satisfactoria", "Destacado", "Sobresaliente"])
                #expect(tabla.rows.count == 3)
                #expect(tabla.rows[1].cells == ["Alcaldía Local de Suba", "1", "70", "1", "0", "0", "1", "0", "0"])
                #expect(tabla.rows[2].cells == ["Despacho", "2", "72.5", "1", "1", "1", "0", "0", "1"])

                // atrasos as .xlsx: the deadline is a real date
                let atrasos = try XLSX.read(Data(buffer: try await th.get("\(ruta)?tabla=atrasos&formato=xlsx").body))
                #expect(atrasos.rows.first?.cells.last == "Días hábiles de atraso")
                let fila = try #require(atrasos.rows.first { $0.cells.first == "Bernal, Beto" })
                #expect(fila.cells[3] == "Notificación de la calificación")
                let vence = try #require(XLSX.dateFromSerial(fila.cells[7]))
                #expect(vence.year == 2026 && vence.month == 7 && vence.day == 8)
                #expect(fila.cells[8] == "4")

                // the same as CSV, in the Colombian way (dd/mm/aaaa, decimal comma)
                let csv = try await th.get("\(ruta)?tabla=atrasos&formato=csv")
                #expect(csv.status == .ok)
                #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
                let t = try CSV.read(Data(buffer: csv.body))
                #expect(t.rows.first?.cells.first == "Servidor")
                let filaCSV = try #require(t.rows.first { $0.cells.first == "Bernal, Beto" })
                #expect(filaCSV.cells[1] == "1011" && filaCSV.cells[7] == "08/07/2026" && filaCSV.cells[8] == "4")
                let dist = try CSV.read(Data(buffer: try await th.get("\(ruta)?tabla=distribucion&formato=csv").body))
                #expect(dist.rows.map(\.cells.first) == ["Nivel", "No satisfactoria", "Satisfactoria", "Destacado", "Sobresaliente"])
                #expect(dist.rows[1].cells == ["No satisfactoria", "0", "65,99", "1", "33,33"])

                // a table that does not exist, and no table
                #expect(try await th.get("\(ruta)?tabla=otra&formato=csv").status == .badRequest)
                #expect(try await th.get("\(ruta)?formato=xlsx").status == .badRequest)
                #expect(try await th.get("\(ruta)?tabla=progreso&formato=pdf").status == .badRequest)
                let progreso = try XLSX.read(Data(buffer: try await th.get("\(ruta)?tabla=progreso&formato=xlsx").body))
                #expect(progreso.rows.count == EstadoEDL.allCases.count + 1)
                #expect(progreso.rows.first { $0.cells.first == EstadoEDL.enFirme.nombre }?.cells == [EstadoEDL.enFirme.nombre, "2", "50"])
            }
        }

        @Test("The insubsistencia list has the No satisfactoria en firme and not the satisfactory one; it exports")
        func insubsistencia() async throws {
            try await withPacta { app in
                // setup
                let e = try await Self.semestral(app)
                // MUT
                let api = try await app.get("/api/v1/edl/insubsistencia", token: e.f.token("th"))
                // validate
                #expect(api.status == .ok, "\(api.texto)")
                let d = try api.json(InsubsistenciaDTO.self)
                #expect(d.noSatisfactorias.map(\.evaluacionId) == [e.evAna])
                let ana = d.noSatisfactorias[0]
                #expect(ana.puntajeTexto == "55,00" && ana.nivelResultado == "No satisfactoria" && ana.enFirmeTexto == "10/07/2026")
                #expect(ana.consecuencia.contains("insubsistencia"))
                #expect(!d.noSatisfactorias.contains { $0.evaluacionId == e.eva })
                #expect(d.periodoDePrueba.isEmpty)
                #expect(try await app.get("/api/v1/edl/insubsistencia", token: e.f.token("evaluado")).status == .forbidden)

                let th = try await Self.navegador(app, "th")
                let pagina = try await th.get("/edl/insubsistencia")
                #expect(pagina.status == .ok)
                #expect(pagina.texto.contains("Aguilar, Ana"))
                #expect(!pagina.texto.contains("Evaluada, Eva"))
                let xlsx = try XLSX.read(Data(buffer: try await th.get("/edl/insubsistencia?tabla=no_satisfactorias&formato=xlsx").body))
                #expect(xlsx.rows.count == 2)
                #expect(xlsx.rows[1].cells[0] == "Aguilar, Ana" && xlsx.rows[1].cells[7] == "55")
                let firme = try #require(XLSX.dateFromSerial(xlsx.rows[1].cells[12]))
                #expect(firme.year == 2026 && firme.month == 7 && firme.day == 10)
                let csv = try CSV.read(Data(buffer: try await th.get("/edl/insubsistencia?tabla=periodo_de_prueba&formato=csv").body))
                #expect(csv.rows.count == 1 && csv.rows[0].cells.first == "Servidor")
            }
        }

        @Test("Every format renders for the evaluado, the evaluador and Talento Humano, with the entity's code and the compromisos; 404 for another servant")
        func formatos() async throws {
            try await withPacta { app in
                // setup
                let e = try await Self.semestral(app)
                let otro = Usuario(entidadID: e.f.entidadA.id!, nombreUsuario: "otro", nombre: "Omar Otro",
                                   passwordHash: try app.password.hash(Fixture.contrasena), rol: .servidor, servidorID: e.f.otro.id)
                try await otro.create(on: app.db)
                app.fijarHoy(Fecha(2026, 7, 15))
                let ruta = "/edl/evaluaciones/\(e.eva)/formatos"
                let codigos: [FormatoEDL: String] = [.fijacion: "GTH-F-045", .seguimiento: "GTH-F-046", .planDeMejoramiento: "GTH-F-047",
                                                     .comportamentales: "GTH-F-048", .consolidacion: "GTH-F-049", .parcial: "GTH-F-050",
                                                     .extraordinaria: "GTH-F-051"]

                for quien in ["evaluado", "jefe", "th"] {
                    let n = try await Self.navegador(app, quien)
                    for formato in FormatoEDL.allCases {
                        // MUT
                        let r = try await n.get("\(ruta)/\(formato.rawValue)")
                        // validate
                        #expect(r.status == .ok, "\(quien) \(formato): \(r.status)")
                        let html = r.texto
                        #expect(html.contains(codigos[formato]!), "\(formato)")
                        #expect(html.contains("<main") && html.contains("lang=\"es-CO\"") && html.contains("<title>\(codigos[formato]!)"))
                        #expect(html.contains(formato.nombre))
                        #expect(html.contains("Entidad A") && html.contains("Eva Evaluada") && html.contains("CC 1002"))
                        #expect(!html.contains("style=") && !html.contains("<script"))
                        #expect(!html.contains("nav class=\"principal\""))
                    }
                }
                let n = try await Self.navegador(app, "th")
                let fijacion = try await n.get("\(ruta)/fijacion").texto
                #expect(fijacion.contains("los informes mensuales de seguimiento del proceso") && fijacion.contains("las peticiones asignadas"))
                #expect(fijacion.contains("60,00") && fijacion.contains("Concertados</strong>, el 13/01/2026"))
                #expect(fijacion.contains("Julia Jefe") && fijacion.contains("Trabajo en equipo"))
                #expect(!fijacion.contains("Comisión evaluadora"))
                let seguimiento = try await n.get("\(ruta)/seguimiento").texto
                #expect(seguimiento.contains("Informe de enero radicado") && seguimiento.contains("10/02/2026"))
                #expect(seguimiento.contains("Buen avance en las peticiones") && seguimiento.contains("Observación del evaluador"))
                let consolidacion = try await n.get("\(ruta)/consolidacion").texto
                // 120 days of the parcial + 15 of the final stretch (the licencia is not counted)
                #expect(consolidacion.contains("88,89") && consolidacion.contains("11,11") && consolidacion.contains(">135<"))
                #expect(consolidacion.contains("90,00") && consolidacion.contains("Sobresaliente"))
                #expect(consolidacion.contains("02/07/2026") && consolidacion.contains("10/07/2026"))
                let parcial = try await n.get("\(ruta)/parcial").texto
                #expect(parcial.contains("Separación temporal del empleo de más de 30 días") && parcial.contains("30/04/2026"))
                #expect(parcial.contains("los informes mensuales de seguimiento del proceso"))
                let tramo = try #require(try await TramosEDLService.tramos(e.eva, on: app.db).first { $0.motivo == .separacion })
                let uno = try await n.get("\(ruta)/parcial?tramo=\(tramo.id!)")
                #expect(uno.status == .ok && uno.texto.contains("01/01/2026"))
                #expect(try await n.get("\(ruta)/parcial?tramo=\(UUID())").status == .notFound)
                #expect(try await n.get("\(ruta)/inexistente").status == .notFound)
                let plan = try await n.get("/edl/evaluaciones/\(e.evAna)/formatos/plan_de_mejoramiento").texto
                #expect(plan.contains("Curso de redacción de informes") && plan.contains("30/04/2026") && plan.contains("Va en la mitad"))

                // another servant, and an account of another entity, get 404
                let ajeno = try await Self.navegador(app, "otro")
                for formato in FormatoEDL.allCases {
                    #expect(try await ajeno.get("\(ruta)/\(formato.rawValue)").status == .notFound)
                }
                let b = try await Self.navegador(app, "adminb")
                #expect(try await b.get("\(ruta)/fijacion").status == .notFound)
            }
        }
    }
}
