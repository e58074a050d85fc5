import Fluent
import Foundation
import PactaCore
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

extension ServerTests {
    /// Rules of the EDL cycle enforced by the server beyond the main walk-throughs: who may see and
    /// act, parciales and adjustments, recursos, periods that change after they were opened.
    @Suite("EDL: reglas que el servidor hace cumplir")
    struct EDLReglas {
        typealias Detalle = EvaluacionDetalleDTO
        typealias API = ServerTests.EDLAPI
        struct Calif: Encodable { let tramoId: String?; let cumplimientos: [String: String]; let puntosComportamentales: String }

        static func todos(_ d: Detalle, _ valor: String) -> [String: String] {
            Dictionary(uniqueKeysWithValues: d.compromisos.map { ($0.id.uuidString, valor) })
        }

        @Test("The evaluador's jefe sees an evaluation only through an apelación; a servant's period figures count only what they take part in")
        func superiorYPeriodos() async throws {
            try await withPacta { app in
                // setup
                let f = try await EDLFixture.crear(app)
                app.fijarHoy(Fecha(2026, 2, 5))
                let c = try await API.abrir(app, f)
                try await API.concertar(c)
                // MUT + validate: in seguimiento the superior of the evaluador has nothing to do with it
                #expect(try await app.get(c.ruta, token: f.token("superior")).status == .notFound)
                let mias = try await app.get("/api/v1/edl/evaluaciones", token: f.token("superior")).json([EvaluacionResumenDTO].self)
                #expect(!mias.contains { $0.id == c.evaluacionID })
                // periods: entity-wide figures for Talento Humano and Control Interno; a servant counts only what they take part in
                let otra = Servidor(entidadID: f.base.entidadA.id!, documento: "1010", nombres: "Olga", apellidos: "Otra", correo: nil,
                                    tipoVinculacion: .carrera, fechaPosesion: Fecha(2020, 1, 1), empleoID: f.base.empleoA.id,
                                    dependenciaID: f.base.dependenciaA.id, jefeID: f.superior.id)
                try await otra.create(on: app.db)
                #expect(try await app.send(.POST, "/api/v1/edl/periodos/\(c.periodoID)/incorporaciones",
                                           headers: ["Authorization": "Bearer \(f.token("th"))"]).status == .ok)
                struct Periodo: Decodable { let total: Int }
                for (quien, total) in [("th", 2), ("oci", 2), ("admin", 2), ("jefe", 1), ("evaluado", 1), ("superior", 1), ("oap", 0)] {
                    let uno = try await app.get("/api/v1/edl/periodos/\(c.periodoID)", token: f.token(quien))
                    #expect(uno.status == .ok, "\(quien)")
                    #expect(try uno.json(Periodo.self).total == total, "\(quien)")
                    #expect(try await app.get("/api/v1/edl/periodos", token: f.token(quien)).json([Periodo].self).first?.total == total, "\(quien)")
                }
                #expect(try await app.get("/api/v1/edl/periodos/\(c.periodoID)", token: f.token("adminb")).status == .notFound)
                // the jefe still reaches the evaluation they evaluate
                #expect(try await app.get(c.ruta, token: f.token("jefe")).status == .ok)
            }
        }

        @Test("A Talento Humano account never acts as Talento Humano on its own evaluation")
        func talentoHumanoEvaluado() async throws {
            try await withPacta { app in
                // setup: a Talento Humano account linked to the evaluada
                let f = try await EDLFixture.crear(app)
                let u = Usuario(entidadID: f.base.entidadA.id!, nombreUsuario: "th.evaluada", nombre: "TH evaluada",
                                passwordHash: try app.password.hash(Fixture.contrasena), rol: .talentoHumano, servidorID: f.base.evaluado.id)
                try await u.create(on: app.db)
                let token = Tokens.nuevo()
                try await ApiToken(usuarioID: u.id!, tokenHash: Tokens.sha256(token), nombre: "prueba", expira: Date().addingTimeInterval(3600)).create(on: app.db)
                app.fijarHoy(Fecha(2026, 2, 5))
                let c = try await API.abrir(app, f)
                // MUT
                let cerrar = try await app.sendJSON(.POST, "\(c.ruta)/acciones", token: token, json: ["accion": "cerrar", "observacion": "Me retiro"])
                // validate
                #expect(cerrar.status == .forbidden)
                let d = try await app.get(c.ruta, token: token).json(Detalle.self)
                #expect(d.resumen.estado == "por_concertar")
                #expect(d.misRoles == ["evaluado"])
                #expect(!d.acciones.contains("cerrar"))
                // another Talento Humano account can
                #expect(try await c.accion("th", ["accion": "cerrar", "observacion": "Retiro del servicio"]).status == .ok)
            }
        }

        @Test("Compromisos cannot be adjusted while a parcial is unrated; afterwards the adjustment gets a new concertación deadline")
        func ajusteConParcialPendiente() async throws {
            try await withPacta { app in
                // setup: concerted, then a traslado on 01/06/2026 opens a parcial for 01/02–31/05
                let f = try await EDLFixture.crear(app)
                app.fijarHoy(Fecha(2026, 2, 5))
                let c = try await API.abrir(app, f)
                try await API.concertar(c)
                app.fijarHoy(Fecha(2026, 6, 1))
                let t = try await app.sendJSON(.POST, "/api/v1/servidores/\(f.base.evaluado.id!)/situaciones", token: f.token("th"),
                                               json: ["tipo": "traslado", "fechaInicio": "01/06/2026", "dependenciaId": f.base.dependenciaA2.id!.uuidString])
                #expect(t.status == .created, "\(t.texto)")
                var d = try await c.detalle()
                let parcial = try #require(d.tramos.first { $0.estado == "abierto" })
                #expect(parcial.motivo == "traslado" && parcial.hasta == "2026-05-31")
                // MUT: the evaluador tries to adjust the compromisos first
                let antes = try await c.accion("jefe", ["accion": "ajustar_compromisos", "motivo": "traslado"])
                // validate: refused, nothing changed
                #expect(antes.status == .conflict)
                #expect(antes.error?.mensaje.contains("evaluación parcial eventual pendiente") == true)
                d = try await c.detalle()
                #expect(d.resumen.estado == "en_seguimiento")
                #expect(d.compromisos.count == 3)
                // once rated on the compromisos in force, the adjustment goes through with a fresh deadline
                let r = try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("jefe"),
                                               json: Calif(tramoId: parcial.id.uuidString, cumplimientos: Self.todos(d, "90"), puntosComportamentales: "12"))
                #expect(r.status == .ok, "\(r.texto)")
                app.fijarHoy(Fecha(2026, 6, 3))
                #expect(try await c.accion("jefe", ["accion": "ajustar_compromisos", "motivo": "traslado"]).status == .ok)
                d = try await c.detalle()
                #expect(d.resumen.estado == "por_concertar")
                // 15 días hábiles counted from 03/06/2026 (inclusive), over the holidays of 8 and 15 June: 25/06/2026
                #expect(d.resumen.venceConcertacion == "2026-06-25")
                // the new compromisos cover only what is left of the period (01/06/2026–31/01/2027: 245 of 365 days)
                #expect(d.pesoTotalTexto == "67,12")
            }
        }

        @Test("An adjustment for an encargo in another level needs that level; the new compromisos use its competencias")
        func encargoEnOtroNivel() async throws {
            try await withPacta { app in
                // setup: a profesional, concerted
                let f = try await EDLFixture.crear(app)
                app.fijarHoy(Fecha(2026, 2, 5))
                let c = try await API.abrir(app, f)
                try await API.concertar(c)
                let antes = try await c.detalle()
                // MUT + validate: the level is required and must be another one
                let sinNivel = try await c.accion("jefe", ["accion": "ajustar_compromisos", "motivo": "encargo_otro_nivel"])
                #expect(sinNivel.status == .unprocessableEntity && sinNivel.error?.campos?["nivel"] != nil)
                let mismo = try await c.accion("jefe", ["accion": "ajustar_compromisos", "motivo": "encargo_otro_nivel", "nivel": "profesional"])
                #expect(mismo.error?.campos?["nivel"]?.contains("elija un nivel distinto de profesional") == true)
                #expect(try await c.detalle().resumen.estado == "en_seguimiento")
                let ok = try await c.accion("jefe", ["accion": "ajustar_compromisos", "motivo": "encargo_otro_nivel", "nivel": "asesor"])
                #expect(ok.status == .ok, "\(ok.texto)")
                let d = try await c.detalle()
                #expect(d.resumen.estado == "por_concertar" && d.resumen.nivel == "Asesor")
                #expect(d.comportamentales.isEmpty)
                #expect(Set(d.competenciasDisponibles.map(\.codigo)) != Set(antes.competenciasDisponibles.map(\.codigo)))
            }
        }

        @Test("Talento Humano designates who rates a parcial whose evaluador left; not while the evaluador is still in the entity")
        func designacion() async throws {
            try await withPacta { app in
                // setup: a change of jefe opens a parcial the leaving jefe owes
                let f = try await EDLFixture.crear(app)
                app.fijarHoy(Fecha(2026, 2, 5))
                let c = try await API.abrir(app, f)
                try await API.concertar(c)
                app.fijarHoy(Fecha(2026, 5, 4))
                let cj = try await app.sendJSON(.POST, "/api/v1/servidores/\(f.base.evaluado.id!)/situaciones", token: f.token("th"),
                                                json: ["tipo": "cambio_de_jefe", "fechaInicio": "04/05/2026", "jefeId": f.superior.id!.uuidString])
                #expect(cj.status == .created, "\(cj.texto)")
                var d = try await c.detalle()
                let parcial = try #require(d.tramos.first { $0.estado == "abierto" })
                let ruta = "\(c.ruta)/parciales/\(parcial.id.uuidString)/evaluador"
                // MUT: the leaving jefe is still active, so they keep the obligation
                let activo = try await app.sendJSON(.POST, ruta, token: f.token("th"), json: ["documento": f.comision.documento])
                #expect(activo.status == .conflict)
                #expect(activo.error?.mensaje.contains("mantiene la obligación") == true)
                // the jefe retires without rating it
                f.base.jefe.activo = false
                try await f.base.jefe.save(on: app.db)
                #expect(try await c.detalle().tramos.first { $0.id == parcial.id }?.requiereDesignacion == true)
                // only Talento Humano designates, never the evaluado, and only an active servant of the entity
                #expect(try await app.sendJSON(.POST, ruta, token: f.token("superior"), json: ["documento": f.comision.documento]).status == .forbidden)
                let propio = try await app.sendJSON(.POST, ruta, token: f.token("th"), json: ["servidorId": f.base.evaluado.id!.uuidString])
                #expect(propio.status == .unprocessableEntity)
                #expect(propio.error?.campos?["servidorId"]?.contains("propia evaluación") == true)
                let ajeno = try await app.sendJSON(.POST, ruta, token: f.token("th"), json: ["documento": f.base.servidorB.documento])
                #expect(ajeno.status == .unprocessableEntity)
                #expect(try await app.sendJSON(.POST, ruta, token: f.token("th"), json: [String: String]()).status == .unprocessableEntity)
                #expect(try await c.detalle().tramos.first { $0.id == parcial.id }?.evaluador == "Julia Jefe")
                let ok = try await app.sendJSON(.POST, ruta, token: f.token("th"), json: ["documento": f.comision.documento])
                #expect(ok.status == .ok, "\(ok.texto)")
                // validate: the designee sees it, is told, and rates it
                d = try await c.detalle("comision")
                let designada = try #require(d.tramos.first { $0.id == parcial.id })
                #expect(designada.evaluador == "Carla Comisión" && designada.puedoCalificar && !designada.requiereDesignacion)
                #expect(d.eventos.contains { $0.accion == "Designó quién califica la evaluación parcial" && $0.detalle.contains("Julia Jefe") })
                let avisos = try await app.get("/api/v1/avisos", token: f.token("comision")).json([API.EDLAPI_Aviso].self)
                #expect(avisos.contains { $0.asunto == "Le designaron una evaluación parcial" })
                let r = try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("comision"),
                                               json: Calif(tramoId: parcial.id.uuidString, cumplimientos: Self.todos(d, "80"), puntosComportamentales: "10"))
                #expect(r.status == .ok, "\(r.texto)")
                #expect(try r.json(Detalle.self).tramos.first { $0.id == parcial.id }?.estado == "calificado")
            }
        }

        /// A CNSC evaluation without comisión rated 61,00 (No satisfactorio) and notified on 01/02/2027.
        static func notificada(_ app: Application, _ f: EDLFixture) async throws -> API.Ctx {
            app.fijarHoy(Fecha(2026, 2, 5))
            let instrumento = try await f.instrumentoCNSCSinComision(app)
            let p = try await app.sendJSON(.POST, "/api/v1/edl/periodos", token: f.token("th"), json: ["instrumentoId": instrumento.id.uuidString, "anio": "2026"])
            #expect(p.status == .created, "\(p.texto)")
            let ev = try #require(try await app.get("/api/v1/edl/evaluaciones", token: f.token("evaluado")).json([EvaluacionResumenDTO].self).first)
            let c = API.Ctx(app: app, f: f, periodoID: UUID(), evaluacionID: ev.id)
            try await API.concertar(c)
            app.fijarHoy(Fecha(2026, 7, 31))
            var d = try await c.detalle()
            #expect(try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("jefe"),
                                           json: Calif(tramoId: nil, cumplimientos: Self.todos(d, "60"), puntosComportamentales: "10")).status == .ok)
            app.fijarHoy(Fecha(2027, 2, 1))
            struct CalifFinal: Encodable { let cumplimientos: [String: String]; let puntosComportamentales: String; let motivacion: String }
            let fin = try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("jefe"),
                                             json: CalifFinal(cumplimientos: Self.todos(d, "60"), puntosComportamentales: "10", motivacion: "Cumplimiento parcial"))
            #expect(fin.status == .ok, "\(fin.texto)")
            d = try fin.json(Detalle.self)
            #expect(d.resumen.estado == "calificada" && d.resumen.puntajeTexto == "61,00")
            #expect(try await c.accion("th", ["accion": "notificar", "medio": "personal"]).status == .ok)
            return c
        }

        @Test("A recurso's decision cannot lower the rating contested, and a modifica must change it")
        func recursoNoDesmejora() async throws {
            try await withPacta { app in
                // setup: a definitive of 61,00 notified on 01/02/2027, reposición filed
                let f = try await EDLFixture.crear(app)
                let c = try await Self.notificada(app, f)
                #expect(try await c.accion("evaluado", ["accion": "interponer_reposicion", "fundamentos": "No se valoraron mis evidencias"]).status == .ok)
                // MUT + validate: lower, equal with "modifica", and not a number are refused with nothing changed
                let menor = try await c.accion("jefe", ["accion": "resolver_reposicion", "decision": "modifica", "puntaje": "50", "observacion": "Revisión"])
                #expect(menor.status == .unprocessableEntity)
                #expect(menor.error?.campos?["puntaje"]?.contains("no puede desmejorar la calificación recurrida (61,00)") == true)
                let igual = try await c.accion("jefe", ["accion": "resolver_reposicion", "decision": "modifica", "puntaje": "61", "observacion": "Revisión"])
                #expect(igual.status == .unprocessableEntity)
                #expect(igual.error?.campos?["puntaje"]?.contains("«confirma»") == true)
                let texto = try await c.accion("jefe", ["accion": "resolver_reposicion", "decision": "modifica", "puntaje": "setenta", "observacion": "Revisión"])
                #expect(texto.status == .unprocessableEntity)
                var d = try await c.detalle()
                #expect(d.resumen.estado == "en_reposicion" && d.resumen.puntajeTexto == "61,00")
                // a higher score goes through and is final (no subsidiary apelación)
                #expect(try await c.accion("jefe", ["accion": "resolver_reposicion", "decision": "Modifica la calificación", "puntaje": "66,50",
                                                    "observacion": "Se valoraron las evidencias de enero"]).status == .ok)
                d = try await c.detalle()
                #expect(d.resumen.estado == "en_firme" && d.resumen.puntajeTexto == "66,50" && d.resumen.satisfactoria == true)
            }
        }

        @Test("Talento Humano records a recurso filed in writing on the day it was filed, within the término counted from that day")
        func recursoPorEscrito() async throws {
            try await withPacta { app in
                // setup: notified on 01/02/2027; recursos until 08/02/2027 (5 días hábiles)
                let f = try await EDLFixture.crear(app)
                let c = try await Self.notificada(app, f)
                app.fijarHoy(Fecha(2027, 2, 12))
                // MUT + validate: the date is required, not future, not before the notificación, and within the término
                let sinFecha = try await c.accion("th", ["accion": "interponer_reposicion", "fundamentos": "Escrito radicado"])
                #expect(sinFecha.status == .unprocessableEntity && sinFecha.error?.campos?["fecha"] != nil)
                let futura = try await c.accion("th", ["accion": "interponer_reposicion", "fundamentos": "Escrito radicado", "fecha": "15/02/2027"])
                #expect(futura.error?.campos?["fecha"] == "La fecha de presentación no puede ser futura.")
                let previa = try await c.accion("th", ["accion": "interponer_reposicion", "fundamentos": "Escrito radicado", "fecha": "29/01/2027"])
                #expect(previa.error?.campos?["fecha"]?.contains("anterior a la notificación (01/02/2027)") == true)
                let tarde = try await c.accion("th", ["accion": "interponer_reposicion", "fundamentos": "Escrito radicado", "fecha": "09/02/2027"])
                #expect(tarde.status == .unprocessableEntity && tarde.error?.mensaje.contains("08/02/2027") == true)
                // the evaluado, online, is already out of time on the 12th
                #expect(try await c.accion("evaluado", ["accion": "interponer_reposicion", "fundamentos": "x"]).status == .unprocessableEntity)
                #expect(try await c.detalle().resumen.estado == "notificada")
                // meanwhile the report lists it as late for Talento Humano to declare en firme (4 días hábiles after 08/02)
                struct Atraso: Decodable { let evaluacionId: UUID; let paso: String; let venceTexto: String; let diasHabiles: Int; let responsable: String }
                struct Reporte: Decodable { let atrasos: [Atraso] }
                let periodoID = try await c.detalle().resumen.periodoId
                let reporte = try await app.get("/api/v1/edl/periodos/\(periodoID)/reporte", token: f.token("th")).json(Reporte.self)
                let firmeza = try #require(reporte.atrasos.first { $0.evaluacionId == c.evaluacionID })
                #expect(firmeza.paso == "firmeza" && firmeza.venceTexto == "08/02/2027" && firmeza.diasHabiles == 4 && firmeza.responsable == "Talento Humano")
                let ok = try await c.accion("th", ["accion": "interponer_reposicion", "tipo": "reposicion_y_apelacion",
                                                   "fundamentos": "Escrito radicado el 05/02/2027", "fecha": "05/02/2027"])
                #expect(ok.status == .ok, "\(ok.texto)")
                let d = try await c.detalle()
                #expect(d.resumen.estado == "en_reposicion")
                // resolution due 15 días hábiles after the filing: 26/02/2027
                #expect(d.recursos.first?.interpuestoTexto == "05/02/2027" && d.recursos.first?.venceTexto == "26/02/2027")
                #expect(d.eventos.last?.detalle.contains("por escrito el 05/02/2027 (registrado por Talento Humano)") == true)
            }
        }

        @Test("An instrument edited through the API changes only the fields sent; a bad value changes nothing")
        func edicionDeInstrumento() async throws {
            try await withPacta { app in
                // setup
                let f = try await EDLFixture.crear(app)
                let i = try await app.sendJSON(.POST, "/api/v1/edl/instrumentos", token: f.token("th"), json: ["preset": "cnsc_2018"])
                let instrumento = try i.json(InstrumentoDTO.self)
                let ruta = "/api/v1/edl/instrumentos/\(instrumento.id)"
                // MUT + validate
                let malo = try await app.sendJSON(.PUT, ruta, token: f.token("th"), json: ["pesoFuncional": "120", "nombre": "Otro nombre"])
                #expect(malo.status == .unprocessableEntity)
                #expect(malo.error?.campos?["pesoFuncional"] != nil)
                var leido = try await app.get(ruta, token: f.token("th")).json(InstrumentoDTO.self)
                #expect(leido.definicion.pesoFuncional == 85 && leido.nombre == instrumento.nombre)
                #expect(try await app.sendJSON(.PUT, ruta, token: f.token("oci"), json: ["nombre": "Otro nombre"]).status == .forbidden)
                let bueno = try await app.sendJSON(.PUT, ruta, token: f.token("th"), json: ["nombre": "EDL de la entidad", "concertacionDias": "10"])
                #expect(bueno.status == .ok, "\(bueno.texto)")
                leido = try await app.get(ruta, token: f.token("th")).json(InstrumentoDTO.self)
                #expect(leido.nombre == "EDL de la entidad" && leido.definicion.plazos.concertacion == .diasHabiles(10))
                #expect(leido.definicion.pesoFuncional == 85 && leido.definicion.escala == Escala.cnsc2018)
            }
        }

        @Test("Servants who join after a period opened are incorporated once; a período de prueba spanning two periods is evaluated once")
        func incorporacionYPrueba() async throws {
            try await withPacta { app in
                // setup: seed-003 semesters; a período de prueba from 04/05/2026 (ends 03/11/2026)
                let f = try await EDLFixture.crear(app)
                _ = try await f.servidorEnPrueba(app, documento: "1008", nombres: "Pedro", apellidos: "Prueba", posesion: Fecha(2026, 5, 4))
                app.fijarHoy(Fecha(2026, 1, 5))
                let i = try await app.sendJSON(.POST, "/api/v1/edl/instrumentos", token: f.token("th"), json: ["preset": "semestral_gth"])
                let instrumento = try i.json(InstrumentoDTO.self)
                let s1 = try await app.sendJSON(.POST, "/api/v1/edl/periodos", token: f.token("th"),
                                                json: ["instrumentoId": instrumento.id.uuidString, "anio": "2026", "plantilla": "semestre_1"])
                let p1 = try s1.json(API.EDLAPI_Apertura.self)
                // this preset also covers LNR: the evaluada, the período de prueba and the three LNR servants of the fixture
                #expect(p1.creadas == 5)
                // MUT: a new carrera servant arrives on 02/03/2026 and Talento Humano incorporates the new ones
                let nueva = Servidor(entidadID: f.base.entidadA.id!, documento: "1009", nombres: "Nora", apellidos: "Nueva", correo: nil,
                                     tipoVinculacion: .carrera, fechaPosesion: Fecha(2026, 3, 2), empleoID: f.base.empleoA.id,
                                     dependenciaID: f.base.dependenciaA.id, jefeID: f.base.jefe.id)
                try await nueva.create(on: app.db)
                app.fijarHoy(Fecha(2026, 3, 3))
                let ruta = "/api/v1/edl/periodos/\(p1.periodo.id)/incorporaciones"
                #expect(try await app.send(.POST, ruta, headers: ["Authorization": "Bearer \(f.token("jefe"))"]).status == .forbidden)
                let inc = try await app.send(.POST, ruta, headers: ["Authorization": "Bearer \(f.token("th"))"])
                #expect(inc.status == .ok, "\(inc.texto)")
                struct Inc: Decodable { let creadas: Int; let sinEvaluador: Int; let omitidos: Int }
                #expect(try inc.json(Inc.self).creadas == 1)
                // validate: running it again adds nothing; the newcomer's evaluation starts at posesión
                #expect(try await app.send(.POST, ruta, headers: ["Authorization": "Bearer \(f.token("th"))"]).json(Inc.self).creadas == 0)
                let lista = try await app.get("/api/v1/edl/periodos/\(p1.periodo.id)/evaluaciones?buscar=Nora", token: f.token("th"))
                    .json(PaginaDTO<EvaluacionResumenDTO>.self)
                #expect(lista.total == 1)
                let dn = try await app.get("/api/v1/edl/evaluaciones/\(lista.items[0].id)", token: f.token("th")).json(Detalle.self)
                #expect(dn.inicio == "2026-03-02" && dn.fin == "2026-06-30")
                // the período de prueba was evaluated in the first semester, from posesión to its end
                let pruebas = try await app.get("/api/v1/edl/periodos/\(p1.periodo.id)/evaluaciones?buscar=Pedro", token: f.token("th"))
                    .json(PaginaDTO<EvaluacionResumenDTO>.self)
                let dp = try await app.get("/api/v1/edl/evaluaciones/\(pruebas.items[0].id)", token: f.token("th")).json(Detalle.self)
                #expect(dp.inicio == "2026-05-04" && dp.fin == "2026-11-03")
                // opening the second semester does not evaluate the same período de prueba again
                app.fijarHoy(Fecha(2026, 7, 1))
                let s2 = try await app.sendJSON(.POST, "/api/v1/edl/periodos", token: f.token("th"),
                                                json: ["instrumentoId": instrumento.id.uuidString, "anio": "2026", "plantilla": "semestre_2"])
                let p2 = try s2.json(API.EDLAPI_Apertura.self)
                // the same four plus the newcomer; the período de prueba is left out
                #expect(p2.creadas == 5 && p2.omitidos == 1)
                let enS2 = try await app.get("/api/v1/edl/periodos/\(p2.periodo.id)/evaluaciones?buscar=Pedro", token: f.token("th"))
                    .json(PaginaDTO<EvaluacionResumenDTO>.self)
                #expect(enS2.total == 0)
            }
        }

        @Test("A No satisfactoria in período de prueba returns a servant with carrera rights to their post; without them, retirement")
        func consecuenciaDePrueba() async throws {
            try await withPacta { app in
                // setup: a período de prueba by ascenso (posesión 02/02/2026, ends 01/08/2026), instrument without comisión
                let f = try await EDLFixture.crear(app)
                let p = try await f.servidorEnPrueba(app, documento: "1012", nombres: "Ana", apellidos: "Ascenso", posesion: Fecha(2026, 2, 2))
                app.fijarHoy(Fecha(2026, 2, 3))
                let marcado = try await app.sendJSON(.PUT, "/api/v1/servidores/\(p.id!)", token: f.token("th"), json: [
                    "documento": "1012", "nombres": "Ana", "apellidos": "Ascenso", "tipoVinculacion": "periodo_de_prueba",
                    "fechaPosesion": "02/02/2026", "dependenciaId": f.base.dependenciaA.id!.uuidString, "jefeId": f.base.jefe.id!.uuidString,
                    "empleoId": f.base.empleoA.id!.uuidString, "derechosDeCarrera": "si"])
                #expect(marcado.status == .ok, "\(marcado.texto)")
                struct S: Decodable { let derechosDeCarrera: Bool }
                #expect(try marcado.json(S.self).derechosDeCarrera)
                let instrumento = try await f.instrumentoCNSCSinComision(app)
                #expect(try await app.sendJSON(.POST, "/api/v1/edl/periodos", token: f.token("th"),
                                               json: ["instrumentoId": instrumento.id.uuidString, "anio": "2026"]).status == .created)
                let ev = try #require(try await EvaluacionEDL.query(on: app.db).filter(\.$servidor.$id == p.id!).first())
                let c = API.Ctx(app: app, f: f, periodoID: ev.$periodo.id, evaluacionID: ev.id!)
                struct Cuerpo: Encodable { let compromisos: [[String: String]]; let comportamentales: [String] }
                #expect(try await app.sendJSON(.PUT, "\(c.ruta)/compromisos", token: f.token("jefe"), json: Cuerpo(
                    compromisos: API.compromisos["compromisos"]!, comportamentales: ["aprendizaje_continuo", "trabajo_en_equipo", "comunicacion_efectiva"])).status == .ok)
                #expect(try await c.accion("jefe", ["accion": "fijar_sin_acuerdo", "observacion": "No asistió a la concertación"]).status == .ok)
                // MUT: a low rating at the end of the prueba, notified and accepted
                app.fijarHoy(Fecha(2026, 8, 3))
                var d = try await c.detalle()
                struct CalifFinal: Encodable { let cumplimientos: [String: String]; let puntosComportamentales: String; let motivacion: String }
                let fin = try await app.sendJSON(.POST, "\(c.ruta)/calificaciones", token: f.token("jefe"),
                                                 json: CalifFinal(cumplimientos: Self.todos(d, "40"), puntosComportamentales: "6", motivacion: "No cumplió"))
                #expect(fin.status == .ok, "\(fin.texto)")
                #expect(try await c.accion("th", ["accion": "notificar", "medio": "personal"]).status == .ok)
                // validate: what follows is shown on the evaluation, told to Talento Humano and listed
                d = try await c.detalle()
                #expect(d.consecuenciaPrueba == "Regreso al empleo de carrera que desempeñaba antes del período de prueba.")
                let ana = try #require(try await Servidor.find(p.id, on: app.db))
                ana.derechosDeCarrera = false
                try await ana.save(on: app.db)
                #expect(try await c.detalle().consecuenciaPrueba?.hasPrefix("Retiro del servicio") == true)
                ana.derechosDeCarrera = true
                try await ana.save(on: app.db)
                app.fijarHoy(Fecha(2026, 8, 12))
                #expect(try await c.accion("th", ["accion": "declarar_en_firme"]).status == .ok)
                struct Aviso: Decodable { let asunto: String; let cuerpo: String }
                let avisos = try await app.get("/api/v1/avisos", token: f.token("th")).json([Aviso].self)
                #expect(avisos.contains { $0.asunto == "No satisfactoria en firme: Ana Ascenso" && $0.cuerpo.contains("Regreso al empleo de carrera") })
                let lista = try await app.get("/api/v1/edl/insubsistencia", token: f.token("th"))
                #expect(lista.status == .ok)
                #expect(lista.texto.contains("Regreso al empleo de carrera"))
            }
        }
    }
}
