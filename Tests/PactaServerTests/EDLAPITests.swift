import Fluent
import Foundation
import PactaCore
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

extension ServerTests {
    @Suite("EDL por la API")
    struct EDLAPI {
        typealias Detalle = EvaluacionDetalleDTO

        struct Ctx {
            let app: Application
            let f: EDLFixture
            let periodoID: UUID
            let evaluacionID: UUID
            var ruta: String { "/api/v1/edl/evaluaciones/\(evaluacionID)" }

            func accion(_ quien: String, _ campos: [String: String]) async throws -> TestingHTTPResponse {
                try await app.sendJSON(.POST, "\(ruta)/acciones", token: f.token(quien), json: campos)
            }
            func detalle(_ quien: String = "th") async throws -> Detalle {
                let r = try await app.get(ruta, token: f.token(quien))
                #expect(r.status == .ok)
                return try r.json(Detalle.self)
            }
        }

        /// TH creates an instrument from `preset` and opens the period of `anio`; returns the evaluado's evaluation.
        static func abrir(_ app: Application, _ f: EDLFixture, preset: String = "cnsc_2018", plantilla: String? = nil, anio: String = "2026") async throws -> Ctx {
            let i = try await app.sendJSON(.POST, "/api/v1/edl/instrumentos", token: f.token("th"), json: ["preset": preset])
            #expect(i.status == .created)
            let instrumento = try i.json(InstrumentoDTO.self)
            var cuerpo = ["instrumentoId": instrumento.id.uuidString, "anio": anio]
            if let plantilla { cuerpo["plantilla"] = plantilla }
            let p = try await app.sendJSON(.POST, "/api/v1/edl/periodos", token: f.token("th"), json: cuerpo)
            #expect(p.status == .created, "\(p.texto)")
            let apertura = try p.json(EDLAPI_Apertura.self)
            let mias = try await app.get("/api/v1/edl/evaluaciones", token: f.token("evaluado")).json([EvaluacionResumenDTO].self)
            let ev = try #require(mias.first)
            return Ctx(app: app, f: f, periodoID: apertura.periodo.id, evaluacionID: ev.id)
        }

        struct EDLAPI_Apertura: Decodable {
            struct P: Decodable { let id: UUID }
            let periodo: P
            let creadas: Int
            let omitidos: Int
        }

        static let compromisos: [String: [[String: String]]] = ["compromisos": [
            ["verbo": "Elaborar", "objeto": "los informes trimestrales de gestión", "condicion": "dentro de los 10 días siguientes al trimestre", "evidencias": "Informes radicados", "peso": "40"],
            ["verbo": "Tramitar", "objeto": "las solicitudes asignadas", "condicion": "en los términos de ley", "evidencias": "Reporte del sistema", "peso": "30"],
            ["verbo": "Actualizar", "objeto": "el normograma del proceso", "condicion": "cada semestre", "evidencias": "Normograma publicado", "peso": "30"],
        ]]

        static func concertar(_ c: Ctx) async throws {
            var cuerpo: [String: [[String: String]]] = compromisos
            cuerpo["comportamentales"] = [["codigo": "x"]] // replaced below: arrays of strings need their own body
            struct Cuerpo: Encodable { let compromisos: [[String: String]]; let comportamentales: [String] }
            let body = Cuerpo(compromisos: compromisos["compromisos"]!, comportamentales: ["aprendizaje_continuo", "trabajo_en_equipo", "comunicacion_efectiva"])
            let r = try await c.app.sendJSON(.PUT, "\(c.ruta)/compromisos", token: c.f.token("jefe"), json: body)
            #expect(r.status == .ok, "\(r.texto)")
            #expect(try await c.accion("jefe", ["accion": "enviar_a_firma"]).status == .ok)
            #expect(try await c.accion("evaluado", ["accion": "firmar"]).status == .ok)
        }

        @Test("Opening a period creates one evaluation per covered servant with the jefe as evaluador, once")
        func apertura() async throws {
            try await withPacta { app in
                // setup
                let f = try await EDLFixture.crear(app)
                app.fijarHoy(Fecha(2026, 2, 2))
                // MUT
                let c = try await Self.abrir(app, f)
                // validate: only the carrera servant is covered by the CNSC instrument
                let d = try await c.detalle()
                #expect(d.resumen.estado == "por_concertar")
                #expect(d.resumen.evaluador == "Julia Jefe")
                #expect(d.inicio == "2026-02-01" && d.fin == "2027-01-31")
                // 15 días hábiles counted from 1 Feb 2026 (inclusive): 20/02/2026
                #expect(d.resumen.venceConcertacion == "2026-02-20")
                let lista = try await app.get("/api/v1/edl/periodos/\(c.periodoID)/evaluaciones", token: f.token("th")).json(PaginaDTO<EvaluacionResumenDTO>.self)
                #expect(lista.total == 1)
                let instrumentos = try await app.get("/api/v1/edl/instrumentos", token: f.token("th")).json([InstrumentoDTO].self)
                let otra = try await app.sendJSON(.POST, "/api/v1/edl/periodos", token: f.token("th"),
                                                  json: ["instrumentoId": instrumentos[0].id.uuidString, "anio": "2026"])
                #expect(otra.status == .conflict)
                #expect(otra.error?.mensaje.contains("ya fue abierto") == true)
                // A servant cannot open periods.
                let prohibido = try await app.sendJSON(.POST, "/api/v1/edl/periodos", token: f.token("jefe"),
                                                       json: ["instrumentoId": instrumentos[0].id.uuidString, "anio": "2027"])
                #expect(prohibido.status == .forbidden)
            }
        }

        @Test("Concertación: weights must sum 100, out-of-role actions are refused, signing moves to seguimiento")
        func concertacion() async throws {
            try await withPacta { app in
                let f = try await EDLFixture.crear(app)
                app.fijarHoy(Fecha(2026, 2, 5))
                let c = try await Self.abrir(app, f)
                struct Cuerpo: Encodable { let compromisos: [[String: String]]; let comportamentales: [String] }
                var filas = Self.compromisos["compromisos"]!
                filas[2]["peso"] = "20"
                // MUT: weights summing 90
                let malo = try await app.sendJSON(.PUT, "\(c.ruta)/compromisos", token: f.token("jefe"),
                                                  json: Cuerpo(compromisos: filas, comportamentales: ["aprendizaje_continuo", "trabajo_en_equipo", "comunicacion_efectiva"]))
                #expect(malo.status == .unprocessableEntity)
                #expect(malo.error?.campos?["pesos"]?.contains("suman 90,00") == true)
                #expect(try await c.detalle().compromisos.isEmpty)
                // A competency of another level is refused.
                let ajena = try await app.sendJSON(.PUT, "\(c.ruta)/compromisos", token: f.token("jefe"),
                                                   json: Cuerpo(compromisos: Self.compromisos["compromisos"]!, comportamentales: ["aprendizaje_continuo", "trabajo_en_equipo", "liderazgo_efectivo"]))
                #expect(ajena.status == .unprocessableEntity)
                #expect(ajena.error?.campos?["comportamentales"]?.contains("Liderazgo efectivo") == true)
                // The evaluado may not send to signature; nobody may sign before it is sent.
                let enviar = try await c.accion("evaluado", ["accion": "enviar_a_firma"])
                #expect(enviar.status == .forbidden)
                #expect(enviar.error?.mensaje == "Como evaluado no puede enviar los compromisos a firma.")
                let firmar = try await c.accion("evaluado", ["accion": "firmar"])
                #expect(firmar.status == .conflict)
                #expect(try await c.detalle().resumen.estado == "por_concertar")
                // Control interno reads but does not act; planeación and the other entity do not even see it.
                #expect(try await app.get(c.ruta, token: f.token("oci")).status == .ok)
                #expect(try await c.accion("oci", ["accion": "enviar_a_firma"]).status == .forbidden)
                #expect(try await app.get(c.ruta, token: f.token("oap")).status == .notFound)
                #expect(try await app.get(c.ruta, token: f.token("adminb")).status == .notFound)
                // The evaluado returns them with an observation, then they are concerted.
                try await Self.concertar(c)
                var d = try await c.detalle()
                #expect(d.resumen.estado == "en_seguimiento")
                #expect(d.modoFijacion == ModoFijacion.concertados.nombre)
                #expect(d.compromisos.map(\.pesoTexto) == ["40,00", "30,00", "30,00"])
                // Adjusting after concertación keeps the signed ones on record.
                let ajuste = try await c.accion("jefe", ["accion": "ajustar_compromisos", "motivo": "cambio_de_planes"])
                #expect(ajuste.status == .ok)
                d = try await c.detalle()
                #expect(d.resumen.estado == "por_concertar")
                let body = Cuerpo(compromisos: Self.compromisos["compromisos"]!, comportamentales: ["aprendizaje_continuo", "trabajo_en_equipo", "comunicacion_efectiva"])
                #expect(try await app.sendJSON(.PUT, "\(c.ruta)/compromisos", token: f.token("jefe"), json: body).status == .ok)
                #expect(try await c.accion("jefe", ["accion": "enviar_a_firma"]).status == .ok)
                // Refusal to sign: the evaluador records it with a testigo.
                let sinTestigo = try await c.accion("jefe", ["accion": "fijar_con_testigo", "observacion": "No quiso firmar"])
                #expect(sinTestigo.status == .unprocessableEntity)
                #expect(sinTestigo.error?.campos?["testigo"] != nil)
                #expect(try await c.accion("jefe", ["accion": "fijar_con_testigo", "observacion": "No quiso firmar", "testigo": "Omar Otro"]).status == .ok)
                d = try await c.detalle()
                #expect(d.resumen.estado == "en_seguimiento")
                #expect(d.testigo == "Omar Otro")
                #expect(d.compromisosAnteriores.count == 3)
            }
        }

        @Test("A whole CNSC period: evidence, plan, a parcial from a licencia, comisión, a low definitive, notificación, reposición with apelación, en firme and the insubsistencia notice")
        func cicloCompleto() async throws {
            try await withPacta { app in
                let f = try await EDLFixture.crear(app)
                app.fijarHoy(Fecha(2026, 2, 5))
                let c = try await Self.abrir(app, f)
                try await Self.concertar(c)
                // comisión for the period
                let com = try await app.sendJSON(.POST, "/api/v1/edl/periodos/\(c.periodoID)/comision", token: f.token("th"),
                                                 json: ["servidorId": f.comision.id!.uuidString])
                #expect(com.status == .ok)
                let noLNR = try await app.sendJSON(.POST, "\(c.ruta)/comision", token: f.token("th"), json: ["servidorId": f.base.otro.id!.uuidString])
                #expect(noLNR.status == .unprocessableEntity)

                // evidencias: a PDF is kept and downloaded; an executable is refused
                let ok = try await app.multipart("\(c.ruta)/evidencias", token: f.token("evaluado"), campos: ["nota": "Informe de febrero"],
                                                 archivo: ("informe.pdf", pdfDePrueba))
                #expect(ok.status == .created, "\(ok.texto)")
                let creada = try ok.json(SeguimientoCreada.self)
                let bajada = try await app.get("\(c.ruta)/evidencias/\(creada.id)/archivo", token: f.token("jefe"))
                #expect(bajada.status == .ok)
                #expect(Data(buffer: bajada.body) == pdfDePrueba)
                #expect(try await app.get("\(c.ruta)/evidencias/\(creada.id)/archivo", token: f.token("oap")).status == .notFound)
                let exe = try await app.multipart("\(c.ruta)/evidencias", token: f.token("evaluado"), campos: [:],
                                                  archivo: ("virus.exe", Data([0x4D, 0x5A, 0x90, 0x00])))
                #expect(exe.status == .unprocessableEntity)
                let falso = try await app.multipart("\(c.ruta)/evidencias", token: f.token("evaluado"), campos: [:],
                                                    archivo: ("falso.pdf", Data("MZ no soy un pdf".utf8)))
                #expect(falso.status == .unprocessableEntity)
                let obs = try await app.multipart("\(c.ruta)/evidencias", token: f.token("evaluado"), campos: ["nota": "x", "observacion": "si"], archivo: nil)
                #expect(obs.status == .forbidden)
                // A multipart body with no parts is a 400 in Spanish, not a server error.
                var h = HTTPHeaders()
                h.bearerAuthorization = BearerAuthorization(token: f.token("evaluado"))
                h.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=abc")
                let vacio = try await app.send(.POST, "\(c.ruta)/evidencias", headers: h, body: ByteBuffer(string: "--abc--\r\n"))
                #expect(vacio.status == .badRequest)
                // The same upload as JSON, as the OpenAPI document describes it (file name and base64 content).
                struct ArchivoJSON: Encodable { let filename: String; let data: String }
                struct EvidenciaJSON: Encodable { let nota: String; let archivo: ArchivoJSON }
                let json = try await app.sendJSON(.POST, "\(c.ruta)/evidencias", token: f.token("evaluado"),
                                                  json: EvidenciaJSON(nota: "Informe en JSON", archivo: ArchivoJSON(filename: "informe2.pdf", data: pdfDePrueba.base64EncodedString())))
                #expect(json.status == .created, "\(json.texto)")
                let creadaJSON = try json.json(SeguimientoCreada.self)
                let bajadaJSON = try await app.get("\(c.ruta)/evidencias/\(creadaJSON.id)/archivo", token: f.token("evaluado"))
                #expect(Data(buffer: bajadaJSON.body) == pdfDePrueba)
                #expect(bajadaJSON.headers.contentType?.description.hasPrefix("application/pdf") == true)
                #expect(vacio.error?.mensaje.contains("multipart") == true)

                // plan de mejoramiento
                app.fijarHoy(Fecha(2026, 4, 6))
                let plan = try await app.sendJSON(.POST, "\(c.ruta)/plan", token: f.token("jefe"),
                                                  json: ["accion": "Curso de redacción", "responsable": "Eva Evaluada", "fechaLimite": "30/05/2026", "indicador": "Curso aprobado"])
                #expect(plan.status == .created)
                let conPlan = try plan.json(Detalle.self)
                let accionID = try #require(conPlan.planDeMejoramiento.first?.id)
                #expect(try await app.sendJSON(.POST, "\(c.ruta)/plan/\(accionID)/seguimientos", token: f.token("jefe"),
                                               json: ["avance": "50", "nota": "Va en la mitad"]).status == .ok)
                #expect(try await app.sendJSON(.POST, "\(c.ruta)/plan", token: f.token("evaluado"),
                                               json: ["accion": "x", "responsable": "y", "fechaLimite": "30/05/2026", "indicador": "z"]).status == .forbidden)

                // a licencia of 45 days opens a parcial for 01/02–31/05 due 10 días hábiles after 01/06 (8 and 15 June are holidays)
                app.fijarHoy(Fecha(2026, 5, 29))
                let sit = try await app.sendJSON(.POST, "/api/v1/servidores/\(f.base.evaluado.id!)/situaciones", token: f.token("th"),
                                                 json: ["tipo": "licencia", "fechaInicio": "01/06/2026", "fechaFin": "15/07/2026"])
                #expect(sit.status == .created, "\(sit.texto)")
                var d = try await c.detalle()
                let parcial = try #require(d.tramos.first)
                #expect(parcial.motivo == "separacion" && parcial.estado == "abierto")
                #expect(parcial.desde == "2026-02-01" && parcial.hasta == "2026-05-31" && parcial.dias == 120)
                #expect(parcial.vence == "2026-06-17")
                #expect(d.pendientes.contains { $0.rol == "evaluador" && $0.vence == "2026-06-17" })
                // rated by the evaluador: 40·80 + 30·90 + 30·70 = 80 funcional → 0,85·80 + 12 = 80,00
                let ids = d.compromisos.map(\.id)
                struct Calif: Encodable { let tramoId: String?; let cumplimientos: [String: String]; let puntosComportamentales: String; let motivacion: String? }
                let r1 = try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("evaluado"),
                                                json: Calif(tramoId: parcial.id.uuidString, cumplimientos: [ids[0].uuidString: "80", ids[1].uuidString: "90", ids[2].uuidString: "70"], puntosComportamentales: "12", motivacion: nil))
                #expect(r1.status == .forbidden)
                let r2 = try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("jefe"),
                                                json: Calif(tramoId: parcial.id.uuidString, cumplimientos: [ids[0].uuidString: "80", ids[1].uuidString: "90", ids[2].uuidString: "70"], puntosComportamentales: "12", motivacion: nil))
                #expect(r2.status == .ok, "\(r2.texto)")
                d = try r2.json(Detalle.self)
                #expect(d.tramos.first?.puntajeTexto == "80,00")
                // 01/06–31/07 has 16 días laborados (the licencia is excluded): carried into the final stretch
                let siguiente = try #require(d.siguiente)
                #expect(siguiente.esFinal && siguiente.desde == "2026-06-01" && siguiente.hasta == "2027-01-31" && siguiente.dias == 200)
                // not before the period ends
                app.fijarHoy(Fecha(2026, 8, 3))
                let antes = try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("jefe"),
                                                   json: Calif(tramoId: nil, cumplimientos: [ids[0].uuidString: "40", ids[1].uuidString: "40", ids[2].uuidString: "40"], puntosComportamentales: "5", motivacion: "Bajo desempeño"))
                #expect(antes.status == .unprocessableEntity)
                #expect(antes.error?.mensaje.contains("31/01/2027") == true)

                // the definitive: 0,85·40 + 5 = 39 for 200 days and 80 for 120 → (80·120 + 39·200)/320 = 54,375 → 54,38
                app.fijarHoy(Fecha(2027, 2, 1))
                let sinMotivo = try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("jefe"),
                                                       json: Calif(tramoId: nil, cumplimientos: [ids[0].uuidString: "40", ids[1].uuidString: "40", ids[2].uuidString: "40"], puntosComportamentales: "5", motivacion: nil))
                #expect(sinMotivo.status == .unprocessableEntity)
                #expect(sinMotivo.error?.campos?["motivacion"] != nil)
                let fin = try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("jefe"),
                                                 json: Calif(tramoId: nil, cumplimientos: [ids[0].uuidString: "40", ids[1].uuidString: "40", ids[2].uuidString: "40"], puntosComportamentales: "5", motivacion: "Incumplió los compromisos del segundo semestre"))
                #expect(fin.status == .ok, "\(fin.texto)")
                d = try fin.json(Detalle.self)
                #expect(d.resumen.estado == "por_aprobar_comision")
                #expect(d.resumen.puntajeTexto == "54,38")
                #expect(d.resumen.nivelResultado == "No satisfactorio")
                #expect(d.tramos.compactMap(\.porcentajeTexto) == ["37,50", "62,50"])
                #expect(try await c.accion("jefe", ["accion": "aprobar_comision"]).status == .forbidden)
                #expect(try await c.accion("comision", ["accion": "aprobar_comision"]).status == .ok)

                // notificación and recursos
                let futura = try await c.accion("th", ["accion": "notificar", "fecha": "05/02/2027", "medio": "personal"])
                #expect(futura.status == .unprocessableEntity)
                app.fijarHoy(Fecha(2027, 2, 2))
                #expect(try await c.accion("th", ["accion": "notificar", "fecha": "02/02/2027", "medio": "personal"]).status == .ok)
                d = try await c.detalle("evaluado")
                #expect(d.recursosHasta == "2027-02-09")
                #expect(d.acciones.contains("interponer_reposicion"))
                app.fijarHoy(Fecha(2027, 2, 5))
                let temprano = try await c.accion("th", ["accion": "declarar_en_firme"])
                #expect(temprano.status == .unprocessableEntity)
                #expect(temprano.error?.mensaje.contains("10/02/2027") == true)
                app.fijarHoy(Fecha(2027, 2, 10))
                let tarde = try await c.accion("evaluado", ["accion": "interponer_reposicion", "fundamentos": "No se valoraron mis evidencias"])
                #expect(tarde.status == .unprocessableEntity)
                #expect(tarde.error?.mensaje.contains("09/02/2027") == true)
                app.fijarHoy(Fecha(2027, 2, 9))
                #expect(try await c.accion("evaluado", ["accion": "interponer_reposicion", "tipo": "reposicion_y_apelacion",
                                                        "fundamentos": "No se valoraron mis evidencias"]).status == .ok)
                #expect(try await c.detalle().resumen.estado == "en_reposicion")
                #expect(try await c.accion("evaluado", ["accion": "resolver_reposicion", "decision": "revoca", "puntaje": "95", "observacion": "x"]).status == .forbidden)
                let sinPuntaje = try await c.accion("jefe", ["accion": "resolver_reposicion", "decision": "modifica", "observacion": "Se revisaron las evidencias"])
                #expect(sinPuntaje.status == .unprocessableEntity)
                #expect(try await c.accion("jefe", ["accion": "resolver_reposicion", "decision": "modifica", "puntaje": "60",
                                                    "observacion": "Se revisaron las evidencias de febrero"]).status == .ok)
                d = try await c.detalle()
                #expect(d.resumen.estado == "en_apelacion")
                #expect(d.resumen.puntajeTexto == "60,00")
                #expect(try await c.accion("jefe", ["accion": "resolver_apelacion", "decision": "confirma", "observacion": "x"]).status == .forbidden)
                #expect(try await c.accion("superior", ["accion": "resolver_apelacion", "decision": "confirma",
                                                        "observacion": "Se confirma la decisión del evaluador"]).status == .ok)
                d = try await c.detalle()
                #expect(d.resumen.estado == "en_firme")
                #expect(d.resumen.satisfactoria == false)
                #expect(d.recursos.count == 2)
                #expect(d.enFirmeTexto == "09/02/2027")
                // nothing else can happen
                #expect(try await c.accion("evaluado", ["accion": "interponer_apelacion", "fundamentos": "otra vez"]).status == .conflict)
                // Talento Humano is told to draft the insubsistencia; the evaluado was notified along the way
                let avisosTH = try await app.get("/api/v1/avisos", token: f.token("th")).json([EDLAPI_Aviso].self)
                #expect(avisosTH.contains { $0.asunto.hasPrefix("No satisfactoria en firme") })
                let avisosEvaluado = try await app.get("/api/v1/avisos", token: f.token("evaluado")).json([EDLAPI_Aviso].self)
                #expect(avisosEvaluado.contains { $0.asunto == "Calificación notificada" })
                struct NoLeidos: Decodable { let noLeidos: Int }
                #expect(try await AvisosService.noLeidos(Actor(f.base.usuarios["evaluado"]!), on: app.db) > 0)
                let leidos = try await app.send(.POST, "/api/v1/avisos/leidos", headers: ["Authorization": "Bearer \(f.token("evaluado"))"])
                #expect(try leidos.json(NoLeidos.self).noLeidos == 0)
                #expect(try await AvisosService.noLeidos(Actor(f.base.usuarios["evaluado"]!), on: app.db) == 0)
                // the audit chain still verifies
                let verif = try await app.get("/api/v1/auditoria/verificacion", token: f.token("admin"))
                #expect(verif.status == .ok)
                #expect(verif.texto.contains("true"))
            }
        }


        @Test("Situaciones: a change of jefe opens a parcial the leaving jefe rates before leaving; short stretches are carried; semesters are rated on their own")
        func situaciones() async throws {
            try await withPacta { app in
                let f = try await EDLFixture.crear(app)
                app.fijarHoy(Fecha(2026, 2, 2))
                let c = try await Self.abrir(app, f)
                try await Self.concertar(c)
                // A traslado 20 days into the period: 30 days or fewer, no parcial, carried into the next stretch.
                app.fijarHoy(Fecha(2026, 2, 20))
                let t = try await app.sendJSON(.POST, "/api/v1/servidores/\(f.base.evaluado.id!)/situaciones", token: f.token("th"),
                                               json: ["tipo": "traslado", "fechaInicio": "21/02/2026", "dependenciaId": f.base.dependenciaA2.id!.uuidString])
                #expect(t.status == .created, "\(t.texto)")
                var d = try await c.detalle()
                #expect(d.tramos.isEmpty)
                #expect(d.resumen.dependencia == "Alcaldía Local de Suba")
                #expect(d.eventos.contains { $0.accion.contains("sin evaluación parcial") })
                // The first semester is rated at its end (01/02–31/07), as a communicated, non-appealable stretch.
                app.fijarHoy(Fecha(2026, 7, 31))
                let ids = d.compromisos.map(\.id)
                struct Calif: Encodable { let cumplimientos: [String: String]; let puntosComportamentales: String }
                let s1 = try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("jefe"),
                                                json: Calif(cumplimientos: [ids[0].uuidString: "100", ids[1].uuidString: "100", ids[2].uuidString: "100"], puntosComportamentales: "15"))
                #expect(s1.status == .ok, "\(s1.texto)")
                d = try s1.json(Detalle.self)
                #expect(d.resumen.estado == "en_seguimiento")
                #expect(d.tramos.first?.motivo == "fin_de_tramo" && d.tramos.first?.hasta == "2026-07-31" && d.tramos.first?.puntajeTexto == "100,00")
                // A change of jefe on 02/11/2026 (a holiday Monday): the parcial covers 01/08–01/11 and is due
                // the last día hábil before the change, 30/10/2026; the new jefe becomes the evaluador.
                app.fijarHoy(Fecha(2026, 10, 28))
                let cj = try await app.sendJSON(.POST, "/api/v1/servidores/\(f.base.evaluado.id!)/situaciones", token: f.token("th"),
                                                json: ["tipo": "cambio_de_jefe", "fechaInicio": "02/11/2026", "jefeId": f.superior.id!.uuidString])
                #expect(cj.status == .created, "\(cj.texto)")
                d = try await c.detalle()
                let parcial = try #require(d.tramos.first { $0.estado == "abierto" })
                #expect(parcial.motivo == "cambio_de_evaluador" && parcial.desde == "2026-08-01" && parcial.hasta == "2026-11-01")
                #expect(parcial.vence == "2026-10-30")
                #expect(d.resumen.evaluador == "Sara Superior")
                // The leaving jefe finds it among their evaluations, due from them; for the new evaluador it is not.
                let miasJefe = try await app.get("/api/v1/edl/evaluaciones", token: f.token("jefe")).json([EvaluacionResumenDTO].self)
                #expect(miasJefe.contains { $0.id == c.evaluacionID })
                #expect(try await c.detalle("jefe").pendientes.first { $0.tarea.hasPrefix("Evaluación parcial eventual") }?.mio == true)
                #expect(try await c.detalle("superior").pendientes.first { $0.tarea.hasPrefix("Evaluación parcial eventual") }?.mio == false)
                // The leaving jefe still rates the parcial; the new evaluador cannot.
                let nuevo = try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("superior"),
                                                   json: ["tramoId": parcial.id.uuidString])
                #expect(nuevo.status == .forbidden)
                struct CalifP: Encodable { let tramoId: String; let cumplimientos: [String: String]; let puntosComportamentales: String }
                let r = try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("jefe"),
                                               json: CalifP(tramoId: parcial.id.uuidString, cumplimientos: [ids[0].uuidString: "90", ids[1].uuidString: "90", ids[2].uuidString: "90"], puntosComportamentales: "15"))
                #expect(r.status == .ok, "\(r.texto)")
                // The former jefe keeps read access (they rated a stretch) but no longer acts; the new one rates the final stretch.
                let antiguo = try await app.get(c.ruta, token: f.token("jefe")).json(Detalle.self)
                #expect(antiguo.acciones.isEmpty)
                #expect(try await c.accion("jefe", ["accion": "ajustar_compromisos", "motivo": "cambio_de_planes"]).status == .forbidden)
                d = try await c.detalle("superior")
                #expect(d.siguiente?.desde == "2026-11-02" && d.siguiente?.esFinal == true)
                #expect(d.acciones.contains("calificar_definitiva"))
                #expect(try await c.accion("superior", ["accion": "ajustar_compromisos", "motivo": "cambio_de_evaluador"]).status == .ok)
            }
        }

        @Test("An interruption of more than 20 days extends the período de prueba; one of 20 does not")
        func pruebaProrrogada() async throws {
            try await withPacta { app in
                let f = try await EDLFixture.crear(app)
                let p = try await f.servidorEnPrueba(app, documento: "1007", nombres: "Paula", apellidos: "Prueba", posesion: Fecha(2026, 3, 10))
                app.fijarHoy(Fecha(2026, 3, 11))
                _ = try await Self.abrir(app, f)
                for (inicio, fin) in [("01/05/2026", "20/05/2026"), ("01/06/2026", "21/06/2026")] {
                    let r = try await app.sendJSON(.POST, "/api/v1/servidores/\(p.id!)/situaciones", token: f.token("th"),
                                                   json: ["tipo": "licencia", "fechaInicio": inicio, "fechaFin": fin])
                    #expect(r.status == .created)
                }
                let mias = try await app.get("/api/v1/edl/evaluaciones", token: f.token("jefe")).json([EvaluacionResumenDTO].self)
                let prueba = try #require(mias.first { $0.enPrueba })
                let d = try await app.get("/api/v1/edl/evaluaciones/\(prueba.id)", token: f.token("jefe")).json(Detalle.self)
                // 20 days do not extend it; 21 days do: 09/09/2026 + 21 = 30/09/2026
                #expect(d.fin == "2026-09-30")
            }
        }

        struct SeguimientoCreada: Decodable { let id: UUID }
        struct EDLAPI_Aviso: Decodable { let asunto: String }

        @Test("The minimum satisfactory applies only after the evaluador's término, and on the last stretch it gives the definitive")
        func minimoSatisfactorio() async throws {
            try await withPacta { app in
                let f = try await EDLFixture.crear(app)
                app.fijarHoy(Fecha(2026, 1, 5))
                let c = try await Self.abrir(app, f, preset: "semestral_gth", plantilla: "semestre_1")
                // semestral GTH: no comportamentales weight, concertación during January
                #expect(try await c.detalle().resumen.venceConcertacion == "2026-01-31")
                struct Cuerpo: Encodable { let compromisos: [[String: String]]; let comportamentales: [String] }
                #expect(try await app.sendJSON(.PUT, "\(c.ruta)/compromisos", token: f.token("jefe"),
                                               json: Cuerpo(compromisos: Self.compromisos["compromisos"]!, comportamentales: ["trabajo_en_equipo"])).status == .ok)
                #expect(try await c.accion("jefe", ["accion": "fijar_sin_acuerdo", "observacion": "El evaluado no asistió a la concertación"]).status == .ok)
                #expect(try await c.detalle().modoFijacion == ModoFijacion.fijadosPorEvaluador.nombre)
                // rated "in August": the término ends 31/08/2026
                app.fijarHoy(Fecha(2026, 8, 31))
                let temprano = try await app.send(.POST, "\(c.ruta)/minimo", headers: ["Authorization": "Bearer \(f.token("th"))"])
                #expect(temprano.status == .unprocessableEntity)
                #expect(temprano.error?.mensaje.contains("01/09/2026") == true)
                app.fijarHoy(Fecha(2026, 9, 1))
                let jefe = try await app.send(.POST, "\(c.ruta)/minimo", headers: ["Authorization": "Bearer \(f.token("jefe"))"])
                #expect(jefe.status == .forbidden)
                let r = try await app.send(.POST, "\(c.ruta)/minimo", headers: ["Authorization": "Bearer \(f.token("th"))"])
                #expect(r.status == .ok, "\(r.texto)")
                let d = try r.json(Detalle.self)
                #expect(d.resumen.estado == "calificada")
                #expect(d.resumen.puntajeTexto == "66,00")
                #expect(d.resumen.nivelResultado == "Satisfactoria")
                #expect(d.tramos.first?.motivo == "minimo_por_omision")
            }
        }

        @Test("Período de prueba: its own evaluation from posesión, at most three compromisos, and what follows its result")
        func periodoDePrueba() async throws {
            try await withPacta { app in
                let f = try await EDLFixture.crear(app)
                _ = try await f.servidorEnPrueba(app, documento: "1006", nombres: "Pedro", apellidos: "Prueba", posesion: Fecha(2026, 3, 10))
                app.fijarHoy(Fecha(2026, 3, 11))
                _ = try await Self.abrir(app, f)
                let mias = try await app.get("/api/v1/edl/evaluaciones", token: f.token("jefe")).json([EvaluacionResumenDTO].self)
                let prueba = try #require(mias.first { $0.enPrueba })
                let ruta = "/api/v1/edl/evaluaciones/\(prueba.id)"
                let d = try await app.get(ruta, token: f.token("jefe")).json(Detalle.self)
                #expect(d.inicio == "2026-03-10" && d.fin == "2026-09-09")
                #expect(d.limitesFuncionales == "de 1 a 3")
                struct Cuerpo: Encodable { let compromisos: [[String: String]]; let comportamentales: [String] }
                var cuatro = Self.compromisos["compromisos"]!
                cuatro[2]["peso"] = "15"
                cuatro.append(["verbo": "Apoyar", "objeto": "la gestión documental", "condicion": "mensualmente", "evidencias": "Actas", "peso": "15"])
                let r = try await app.sendJSON(.PUT, "\(ruta)/compromisos", token: f.token("jefe"),
                                               json: Cuerpo(compromisos: cuatro, comportamentales: ["aprendizaje_continuo", "trabajo_en_equipo", "comunicacion_efectiva"]))
                #expect(r.status == .unprocessableEntity)
                #expect(r.error?.campos?["funcionales"]?.contains("período de prueba") == true)
            }
        }

        @Test("Evaluación extraordinaria needs three months since the last definitive and a written order")
        func extraordinaria() async throws {
            try await withPacta { app in
                let f = try await EDLFixture.crear(app)
                app.fijarHoy(Fecha(2026, 2, 2))
                let c = try await Self.abrir(app, f)
                try await Self.concertar(c)
                let pronto = try await app.sendJSON(.POST, "\(c.ruta)/extraordinaria", token: f.token("th"),
                                                    json: ["orden": "Memorando 123 del Superintendente", "fecha": "02/02/2026"])
                #expect(pronto.status == .unprocessableEntity)
                #expect(pronto.error?.mensaje.contains("01/05/2026") == true)
                #expect(try await app.sendJSON(.POST, "\(c.ruta)/extraordinaria", token: f.token("jefe"),
                                               json: ["orden": "x"]).status == .forbidden)
                app.fijarHoy(Fecha(2026, 6, 1))
                let orden = try await app.sendJSON(.POST, "\(c.ruta)/extraordinaria", token: f.token("th"),
                                                   json: ["orden": "Memorando 123 del Superintendente", "fecha": "01/06/2026"])
                #expect(orden.status == .ok, "\(orden.texto)")
                let ids = try orden.json(Detalle.self).compromisos.map(\.id)
                struct Calif: Encodable { let extraordinaria: String; let cumplimientos: [String: String]; let puntosComportamentales: String; let motivacion: String }
                let r = try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("jefe"),
                                               json: Calif(extraordinaria: "si", cumplimientos: [ids[0].uuidString: "100", ids[1].uuidString: "100", ids[2].uuidString: "100"],
                                                           puntosComportamentales: "15", motivacion: "Desempeño sobresaliente"))
                #expect(r.status == .ok, "\(r.texto)")
                let d = try r.json(Detalle.self)
                #expect(d.esExtraordinaria)
                #expect(d.resumen.puntajeTexto == "100,00")
                #expect(d.tramos.first?.hasta == "2026-06-01")
            }
        }
    }
}
