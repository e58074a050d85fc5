import Fluent
import Foundation
import PactaCore
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

extension ServerTests {
    @Suite("Gestión institucional (seed 001)")
    struct GestionInstitucional {
        struct Ctx {
            let app: Application
            let f: Fixture
            let tokens: [String: String]
            let provisional: Servidor
            let vigenciaID: UUID
            let evaluacionID: UUID
            var ruta: String { "/api/v1/gestion/evaluaciones/\(evaluacionID)" }

            func token(_ quien: String) -> String { tokens[quien] ?? f.token(quien) }

            func accion(_ quien: String, _ cuerpo: some Encodable) async throws -> TestingHTTPResponse {
                try await app.sendJSON(.POST, "\(ruta)/acciones", token: token(quien), json: cuerpo)
            }
            func detalle(_ quien: String = "th") async throws -> EvaluacionGIDTO {
                let r = try await app.get(ruta, token: token(quien))
                #expect(r.status == .ok, "\(r.body.string)")
                return try r.json(EvaluacionGIDTO.self)
            }
        }

        struct Meta: Encodable {
            var id: String? = nil
            var descripcion: String? = nil
            var producto: String? = nil
            var evidencias: String? = nil
            var peso: String? = nil
            var pactado1: String? = nil
            var pactado2: String? = nil
            var metaDependencia: String? = nil
            var logrado: String? = nil
        }
        struct Accion: Encodable {
            var accion: String
            var motivo: String? = nil
            var metas: [Meta]? = nil
            var competencias: [String: String]? = nil
        }

        static let metas = [
            Meta(descripcion: "Publicar el boletín estadístico minero", producto: "Boletín trimestral", evidencias: "Boletines publicados",
                 peso: "60", pactado1: "50", pactado2: "100", metaDependencia: "Plan de acción: meta 3.1"),
            Meta(descripcion: "Actualizar el inventario de fuentes", producto: "Inventario", evidencias: "Archivo del inventario",
                 peso: "40", pactado1: "40", pactado2: "100"),
        ]

        /// A provisional servant under the fixture's jefe, with an account, and a 2026 vigencia opened by Talento Humano.
        static func abrir(_ app: Application) async throws -> Ctx {
            let f = try await Fixture.crear(app)
            let s = Servidor(entidadID: f.entidadA.id!, documento: "1010", nombres: "Paula", apellidos: "Provisional", correo: "paula@a.gov.co",
                             tipoVinculacion: .provisional, fechaPosesion: Fecha(2024, 5, 2), empleoID: f.empleoA.id, dependenciaID: f.dependenciaA.id,
                             jefeID: f.jefe.id)
            try await s.create(on: app.db)
            let u = Usuario(entidadID: f.entidadA.id!, nombreUsuario: "paula", nombre: "Paula", passwordHash: try app.password.hash(Fixture.contrasena),
                            rol: .servidor, servidorID: s.id)
            try await u.create(on: app.db)
            let token = Tokens.nuevo()
            try await ApiToken(usuarioID: u.id!, tokenHash: Tokens.sha256(token), nombre: "prueba", expira: Date().addingTimeInterval(3600)).create(on: app.db)
            app.fijarHoy(Fecha(2026, 2, 2))
            let r = try await app.sendJSON(.POST, "/api/v1/gestion/vigencias", token: f.token("th"), json: ["anio": 2026])
            #expect(r.status == .created, "\(r.body.string)")
            let v = try r.json(VigenciaGIDTO.self)
            let ev = try #require(try await EvaluacionGI.query(on: app.db).filter(\.$servidor.$id == s.id!).first())
            return Ctx(app: app, f: f, tokens: ["paula": token], provisional: s, vigenciaID: v.id, evaluacionID: ev.id!)
        }

        @Test("Opening a vigencia takes the provisional and LNR servants, not carrera, with their jefe and the plan de trabajo")
        func apertura() async throws {
            try await withPacta { app in
                // setup
                let c = try await Self.abrir(app)
                // validate
                let evs = try await EvaluacionGI.query(on: app.db).filter(\.$vigencia.$id == c.vigenciaID).all()
                let servidores = Set(evs.map { $0.$servidor.id })
                #expect(servidores == [c.provisional.id!, c.f.jefe.id!, c.f.otro.id!])   // Eva (carrera) is evaluated by the EDL
                #expect(evs.allSatisfy { $0.estado == .formulacion })
                #expect(evs.first { $0.$servidor.id == c.provisional.id }?.$jefe.id == c.f.jefe.id)
                let v = try (try await app.get("/api/v1/gestion/vigencias/\(c.vigenciaID)", token: c.f.token("th"))).json(VigenciaGIDTO.self)
                #expect(v.plan.map(\.codigo) == ["formulacion", "seguimiento_1", "seguimiento_2", "mejoramiento"])
                #expect(v.porEstado["formulacion"] == 3)
                // The same year twice is refused in Spanish and creates nothing.
                let otra = try await app.sendJSON(.POST, "/api/v1/gestion/vigencias", token: c.f.token("th"), json: ["anio": 2026])
                #expect(otra.status == .conflict)
                #expect(otra.body.string.contains("Ya existe la vigencia 2026"))
                #expect(try await VigenciaGI.query(on: app.db).count() == 1)
                // Only Talento Humano opens one.
                let r = try await app.sendJSON(.POST, "/api/v1/gestion/vigencias", token: c.f.token("jefe"), json: ["anio": 2027])
                #expect(r.status == .forbidden)
                // A servant who arrives later joins on arrival, formulating from the posesión.
                let nuevo = Servidor(entidadID: c.f.entidadA.id!, documento: "1011", nombres: "Nico", apellidos: "Nuevo", correo: nil,
                                     tipoVinculacion: .libreNombramiento, fechaPosesion: Fecha(2026, 9, 1), empleoID: c.f.empleoA.id,
                                     dependenciaID: c.f.dependenciaA.id, jefeID: c.f.jefe.id)
                try await nuevo.create(on: app.db)
                app.fijarHoy(Fecha(2026, 9, 1))
                let inc = try await app.sendJSON(.POST, "/api/v1/gestion/vigencias/\(c.vigenciaID)/incorporaciones", token: c.f.token("th"), json: [String: String]())
                #expect(try inc.json(GestionAPI.Incorporados.self).incorporados == 1)
                let evNuevo = try #require(try await EvaluacionGI.query(on: app.db).filter(\.$servidor.$id == nuevo.id!).first())
                let d = try (try await app.get("/api/v1/gestion/evaluaciones/\(evNuevo.id!)", token: c.f.token("th"))).json(EvaluacionGIDTO.self)
                #expect(d.pendientes.first?.vence == "2026-09-22")   // 15 días hábiles from 1 September
            }
        }

        @Test("A whole vigencia: rejection, a modification accepted after seeing the difference, two seguimientos, competencias, final acceptance")
        func vigenciaCompleta() async throws {
            try await withPacta { app in
                let c = try await Self.abrir(app)
                // Activity 4: formulate; weights that do not sum 100 are refused and nothing changes.
                var malas = Self.metas
                malas[1].peso = "30"
                var r = try await c.accion("paula", Accion(accion: "enviar_metas", metas: malas))
                #expect(r.status == .unprocessableEntity)
                #expect(r.body.string.contains("Los pesos deben sumar exactamente 100 %; suman 90,00 %."))
                #expect(try await c.detalle().estado == .formulacion)
                #expect(try await c.detalle().metas.isEmpty)
                r = try await c.accion("paula", Accion(accion: "enviar_metas", metas: Self.metas))
                #expect(r.status == .ok, "\(r.body.string)")
                var d = try await c.detalle("paula")
                #expect(d.estado == .revisionMetas)
                #expect(d.pendientes.map(\.rol) == ["jefe"])
                // Out of role and out of turn, in Spanish.
                r = try await c.accion("paula", Accion(accion: "aprobar"))
                #expect(r.status == .forbidden)
                #expect(r.body.string.contains("Como evaluado no puede aprobar."))
                r = try await c.accion("jefe", Accion(accion: "calificar_comportamentales"))
                #expect(r.status == .conflict)
                // Activity 5: the jefe rejects with a reason → back to formulation.
                r = try await c.accion("jefe", Accion(accion: "rechazar"))
                #expect(r.status == .unprocessableEntity)   // a rejection needs its reason
                r = try await c.accion("jefe", Accion(accion: "rechazar", motivo: "Precise el producto de la segunda meta."))
                #expect(r.status == .ok)
                d = try await c.detalle("paula")
                #expect(d.estado == .formulacion)
                #expect(d.motivo == "Precise el producto de la segunda meta.")
                // Send again; the jefe modifies; the evaluado sees exactly what changed.
                let ids = d.metas.map(\.id)
                var reenviadas = Self.metas
                reenviadas[0].id = ids[0]; reenviadas[1].id = ids[1]
                _ = try await c.accion("paula", Accion(accion: "enviar_metas", metas: reenviadas))
                var modificadas = reenviadas
                modificadas[1].producto = "Inventario de fuentes actualizado y publicado"
                modificadas[0].peso = "50"; modificadas[1].peso = "50"
                r = try await c.accion("jefe", Accion(accion: "modificar", metas: modificadas))
                #expect(r.status == .ok, "\(r.body.string)")
                d = try await c.detalle("paula")
                #expect(d.estado == .aceptacionMetas)
                #expect(d.cambios == [
                    CambioMeta(meta: "Publicar el boletín estadístico minero", campo: "Peso", antes: "60,00 %", despues: "50,00 %"),
                    CambioMeta(meta: "Actualizar el inventario de fuentes", campo: "Producto o resultado", antes: "Inventario",
                               despues: "Inventario de fuentes actualizado y publicado"),
                    CambioMeta(meta: "Actualizar el inventario de fuentes", campo: "Peso", antes: "40,00 %", despues: "50,00 %"),
                ])
                // The web page shows the same before → after to the evaluado.
                let nav = Navegador(app)
                _ = try await nav.ingresar("paula")
                let pagina = try await nav.get("/gestion/evaluaciones/\(c.evaluacionID)")
                #expect(pagina.status == .ok)
                #expect(pagina.body.string.contains("<del>Inventario</del>"))
                #expect(pagina.body.string.contains("<ins>Inventario de fuentes actualizado y publicado</ins>"))
                // Activity 6: accepts.
                r = try await c.accion("paula", Accion(accion: "aceptar"))
                #expect(r.status == .ok)
                d = try await c.detalle("paula")
                #expect(d.estado == .autoevaluacion1)
                #expect(d.cambios.isEmpty)
                // Activity 8: not before the window of the first seguimiento (1 June).
                app.fijarHoy(Fecha(2026, 5, 29))
                let logros1 = d.metas.map { Meta(id: $0.id, logrado: $0.pactado1 == Puntaje(50) ? "40" : "40") }
                r = try await c.accion("paula", Accion(accion: "enviar_autoevaluacion", metas: logros1))
                #expect(r.status == .unprocessableEntity)
                #expect(r.body.string.contains(#"será posible desde el 01\/06\/2026"#))
                app.fijarHoy(Fecha(2026, 6, 3))
                r = try await c.accion("paula", Accion(accion: "enviar_autoevaluacion", metas: logros1))
                #expect(r.status == .ok, "\(r.body.string)")
                // Activities 9–10: approved and accepted; the first seguimiento is 50 × 40/50 + 50 × 40/40 = 90.
                #expect(try await c.accion("jefe", Accion(accion: "aprobar")).status == .ok)
                #expect(try await c.accion("paula", Accion(accion: "aceptar")).status == .ok)
                d = try await c.detalle("paula")
                #expect(d.estado == .autoevaluacion2)
                #expect(d.seguimiento1 == Puntaje(90))
                // Activities 12–13: second seguimiento, rejected once, then sent again and approved.
                app.fijarHoy(Fecha(2027, 1, 12))
                let logros2 = d.metas.map { Meta(id: $0.id, logrado: "80") }
                #expect(try await c.accion("paula", Accion(accion: "enviar_autoevaluacion", metas: logros2)).status == .ok)
                #expect(try await c.accion("jefe", Accion(accion: "rechazar", motivo: "Adjunte las evidencias del inventario.")).status == .ok)
                #expect(try await c.detalle().estado == .autoevaluacion2)
                #expect(try await c.accion("paula", Accion(accion: "enviar_autoevaluacion", metas: logros2)).status == .ok)
                #expect(try await c.accion("jefe", Accion(accion: "aprobar")).status == .ok)
                // Activity 14: competencias (3–5 of the servant's level), 0–100 each.
                r = try await c.accion("jefe", Accion(accion: "calificar_comportamentales", competencias: ["aprendizaje_continuo": "90"]))
                #expect(r.status == .unprocessableEntity)
                #expect(r.body.string.contains("Califique de 3 a 5 competencias comportamentales; hay 1."))
                r = try await c.accion("jefe", Accion(accion: "calificar_comportamentales", competencias: [
                    "aprendizaje_continuo": "90", "orientacion_a_resultados": "80", "trabajo_en_equipo": "70"]))
                #expect(r.status == .ok, "\(r.body.string)")
                // Activity 15: accepted; the result is 0,85 × 80 + 0,15 × 80 = 80, "Satisfactorio" on the preset scale.
                #expect(try await c.accion("paula", Accion(accion: "aceptar")).status == .ok)
                d = try await c.detalle("paula")
                #expect(d.estado == .finalizada)
                #expect(d.resultado == Puntaje(80))
                #expect(d.nivel == "Satisfactorio")
                #expect(d.pendientes.isEmpty)
                #expect(d.historia.count == 14)
                #expect(d.historia.filter { $0.accion == "rechazar" }.count == 2)
                // Every action is in the audit chain.
                #expect(try await AuditEntry.query(on: app.db).filter(\.$accion ~~ ["gestion_institucional.aceptar", "gestion_institucional.modificar"]).count() == 4)
                // Finished: nothing else can be done.
                r = try await c.accion("jefe", Accion(accion: "aprobar"))
                #expect(r.status == .conflict)
                #expect(r.body.string.contains("la evaluación está «Finalizada»"))
            }
        }

        @Test("Each sees only their own: another servant gets 404, Control Interno reads but cannot act")
        func acceso() async throws {
            try await withPacta { app in
                let c = try await Self.abrir(app)
                #expect(try await app.get(c.ruta, token: c.f.token("evaluado")).status == .notFound)
                #expect(try await app.get(c.ruta, token: c.f.token("adminb")).status == .notFound)
                #expect(try await app.get(c.ruta, token: c.f.token("oci")).status == .ok)
                let r = try await c.accion("oci", Accion(accion: "cerrar", motivo: "x"))
                #expect(r.status == .forbidden)
                // The jefe's team list has Paula and not Omar (no jefe); Paula's has only herself.
                let equipo = try (try await app.get("/api/v1/gestion/evaluaciones", token: c.f.token("jefe"))).json([FilaGI].self)
                #expect(Set(equipo.map(\.servidor)) == ["Paula Provisional", "Julia Jefe"])
                let propias = try (try await app.get("/api/v1/gestion/evaluaciones", token: c.token("paula"))).json([FilaGI].self)
                #expect(propias.map(\.servidor) == ["Paula Provisional"])
            }
        }

        @Test("Control point and stage report: who is behind, at which step, since when; exported to CSV and .xlsx")
        func puntoDeControl() async throws {
            try await withPacta { app in
                let c = try await Self.abrir(app)
                _ = try await c.accion("paula", Accion(accion: "enviar_metas", metas: Self.metas))
                app.fijarHoy(Fecha(2026, 4, 6))
                let r = try await app.get("/api/v1/gestion/vigencias/\(c.vigenciaID)/evaluaciones?atraso=si", token: c.f.token("th"))
                let p = try r.json(PaginaDTO<FilaGI>.self)
                // Julia and Omar did not formulate by 31 March; Paula's jefe had until 9 February to review.
                #expect(p.total == 3)
                let paula = try #require(p.items.first { $0.servidor == "Paula Provisional" })
                #expect(paula.estado == .revisionMetas)
                #expect(paula.responsable == "jefe inmediato")
                #expect(paula.etapaDesde == "02/02/2026")
                #expect(paula.diasEnEtapa == 42)   // Semana Santa and 23 March are not hábiles
                let csv = try await app.get("/api/v1/gestion/vigencias/\(c.vigenciaID)/evaluaciones?atraso=si&formato=csv", token: c.f.token("th"))
                #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
                let lineas = csv.body.string.split(whereSeparator: \.isNewline)
                #expect(lineas.count == 4)
                #expect(lineas[0].hasSuffix("Servidor;Documento;Dependencia;Jefe inmediato;Etapa;En la etapa desde;Días hábiles en la etapa;Atrasada;Pendiente;Responsable;Vence;Días hábiles restantes;Primer seguimiento (%);Segundo seguimiento (%);Resultado;Nivel"))
                let xlsx = try await app.get("/api/v1/gestion/vigencias/\(c.vigenciaID)/evaluaciones?formato=xlsx", token: c.f.token("th"))
                #expect(xlsx.status == .ok)
                #expect(xlsx.body.readableBytes > 1000)
                let mal = try await app.get("/api/v1/gestion/vigencias/\(c.vigenciaID)/evaluaciones?estado=perdida", token: c.f.token("th"))
                #expect(mal.status == .unprocessableEntity)
                // The page has the same list, the plan and the bars.
                let nav = Navegador(app)
                _ = try await nav.ingresar("th")
                let pagina = try await nav.get("/gestion/vigencias/\(c.vigenciaID)?atraso=si")
                #expect(pagina.status == .ok)
                #expect(pagina.body.string.contains("3 evaluaciones · página"))
                #expect(pagina.body.string.contains("Formulación de metas y objetivos"))
            }
        }

        @Test("Plan de trabajo: Talento Humano moves a window and the deadlines follow; a bad date changes nothing")
        func planDeTrabajo() async throws {
            try await withPacta { app in
                let c = try await Self.abrir(app)
                var r = try await app.sendJSON(.PUT, "/api/v1/gestion/vigencias/\(c.vigenciaID)/plan", token: c.f.token("th"),
                                               json: ["inicio": ["formulacion": "15/01/2026"], "fin": ["formulacion": "10/01/2026"]])
                #expect(r.status == .unprocessableEntity)
                r = try await app.sendJSON(.PUT, "/api/v1/gestion/vigencias/\(c.vigenciaID)/plan", token: c.f.token("th"),
                                           json: ["fin": ["formulacion": "30/04/2026"]])
                #expect(r.status == .ok, "\(r.body.string)")
                #expect(try await c.detalle("paula").pendientes.first?.vence == "2026-04-30")
                r = try await app.sendJSON(.PUT, "/api/v1/gestion/vigencias/\(c.vigenciaID)/plan", token: c.f.token("jefe"),
                                           json: ["fin": ["formulacion": "30/05/2026"]])
                #expect(r.status == .forbidden)
            }
        }

        @Test("Formato de mejoramiento individual: sent for results below the threshold, filled in by jefe and evaluado, followed up and closed")
        func mejoramiento() async throws {
            try await withPacta { app in
                let c = try await Self.abrir(app)
                // A finished evaluation with 70,00.
                let ev = try #require(try await EvaluacionGI.find(c.evaluacionID, on: app.db))
                ev.estado = .finalizada
                ev.resultado = 7000
                ev.nivelEscala = "Aceptable"
                try await ev.save(on: app.db)
                app.fijarHoy(Fecha(2027, 3, 2))
                var r = try await app.sendJSON(.POST, "/api/v1/mejoramiento/envios", token: c.f.token("th"), json: MejoramientoService.EnviarInput(anio: 2026, umbral: "80"))
                #expect(r.status == .ok, "\(r.body.string)")
                #expect(try r.json(MejoramientoAPI.Enviados.self).enviados == 1)
                // Sending again creates no second formato.
                r = try await app.sendJSON(.POST, "/api/v1/mejoramiento/envios", token: c.f.token("th"), json: MejoramientoService.EnviarInput(anio: 2026, umbral: "80"))
                #expect(try r.json(MejoramientoAPI.Enviados.self).enviados == 0)
                let lista = try (try await app.get("/api/v1/mejoramiento", token: c.token("paula"))).json([FormatoMejoramientoDTO].self)
                let f = try #require(lista.first)
                #expect(lista.count == 1)
                #expect(f.resultado == Puntaje(70))
                #expect(f.vence == "2027-03-24")   // 15 días hábiles; 22 March 2027 is San José
                #expect(try await Aviso.query(on: app.db).filter(\.$clave == "mejoramiento:\(f.id):jefe").count() == 1)
                // Not closed before it is filled in and followed up.
                r = try await app.sendJSON(.POST, "/api/v1/mejoramiento/\(f.id)/cierre", token: c.f.token("th"), json: ["cierre": "Cumplido"])
                #expect(r.status == .conflict)
                r = try await app.sendJSON(.PUT, "/api/v1/mejoramiento/\(f.id)", token: c.f.token("jefe"), json: MejoramientoService.DiligenciarInput(
                    oportunidades: "Oportunidad en la calidad de los boletines.",
                    acciones: [.init(descripcion: "Curso de estadística aplicada", responsable: "Paula Provisional", fecha: "30/06/2027", indicador: "Certificado")]))
                #expect(r.status == .ok, "\(r.body.string)")
                // Talento Humano follows it up (web) and closes it.
                let nav = Navegador(app)
                _ = try await nav.ingresar("th")
                _ = try await nav.get("/mejoramiento/\(f.id)")
                let seg = try await nav.post("/mejoramiento/\(f.id)/seguimientos", ["avance": "100", "nota": "Curso terminado."])
                #expect(seg.status == .seeOther)
                let cierre = try await nav.post("/mejoramiento/\(f.id)/cierre", ["cierre": "Acciones cumplidas."])
                #expect(cierre.status == .seeOther)
                let final = try (try await app.get("/api/v1/mejoramiento/\(f.id)", token: c.token("paula"))).json(FormatoMejoramientoDTO.self)
                #expect(final.estado == "cerrado")
                #expect(final.seguimientos.map(\.avance) == [100])
                // The evaluado cannot close it; someone else's is not visible.
                #expect(try await app.get("/api/v1/mejoramiento/\(f.id)", token: c.f.token("evaluado")).status == .notFound)
            }
        }

        @Test("Evidencias: the evaluado brings files per meta once the metas are agreed, the jefe observations; others are refused and nothing is kept")
        func evidencias() async throws {
            try await withPacta { app in
                // setup
                let c = try await Self.abrir(app)
                let ruta = "\(c.ruta)/evidencias"
                var r = try await app.multipart(ruta, token: c.token("paula"), campos: ["nota": "Antes de tiempo"], archivo: nil)
                #expect(r.status == .conflict && r.body.string.contains("con las metas acordadas"), "\(r.body.string)")
                _ = try await c.accion("paula", Accion(accion: "enviar_metas", metas: Self.metas))
                _ = try await c.accion("jefe", Accion(accion: "aprobar"))
                _ = try await c.accion("paula", Accion(accion: "aceptar"))
                let d = try await c.detalle("paula")
                #expect(d.estado == .autoevaluacion1 && d.registraEvidencias)
                let meta = d.metas[1].id
                // MUT: the evaluado's file on the second meta; the jefe's observation.
                r = try await app.multipart(ruta, token: c.token("paula"), campos: ["nota": "Inventario publicado", "metaId": meta],
                                            archivo: ("inventario.pdf", pdfDePrueba))
                #expect(r.status == .created, "\(r.body.string)")
                let creada = try r.json(GestionAPI.EvidenciaCreada.self)
                r = try await app.multipart(ruta, token: c.token("jefe"), campos: ["nota": "Falta el anexo de fuentes", "observacion": "si"], archivo: nil)
                #expect(r.status == .created)
                // validate: what is refused changes nothing.
                let antes = try await Evidencia.query(on: app.db).count()
                r = try await app.multipart(ruta, token: c.token("paula"), campos: ["nota": "Yo observo", "observacion": "si"], archivo: nil)
                #expect(r.status == .forbidden && r.body.string.contains("Solo el jefe inmediato registra observaciones"))
                r = try await app.multipart(ruta, token: c.token("th"), campos: ["nota": "De Talento Humano"], archivo: nil)
                #expect(r.status == .forbidden && r.body.string.contains("Solo el evaluado y su jefe inmediato"))
                r = try await app.multipart(ruta, token: c.token("paula"), campos: ["nota": "x"], archivo: ("virus.exe", Data([0x4D, 0x5A])))
                #expect(r.status == .unprocessableEntity && r.body.string.contains("Tipo de archivo no permitido"))
                r = try await app.multipart(ruta, token: c.token("paula"), campos: ["nota": "x", "metaId": UUID().uuidString], archivo: nil)
                #expect(r.status == .unprocessableEntity && r.body.string.contains("La meta no pertenece a esta evaluación."))
                r = try await app.multipart(ruta, token: c.token("evaluado"), campos: ["nota": "Ajena"], archivo: nil)
                #expect(r.status == .notFound || r.status == .forbidden)
                #expect(try await Evidencia.query(on: app.db).count() == antes)
                // The detail lists them with the meta's number; the jefe downloads the file; another servant cannot.
                let e = try await c.detalle("jefe").evidencias
                #expect(e.count == 2 && e[0].meta == 2 && e[0].archivo == "inventario.pdf" && e[1].esObservacion && e[1].autorRol == "jefe inmediato")
                let bajada = try await app.get("\(ruta)/\(creada.id)/archivo", token: c.token("jefe"))
                #expect(bajada.status == .ok && Data(buffer: bajada.body) == pdfDePrueba)
                #expect(try await app.get("\(ruta)/\(creada.id)/archivo", token: c.token("evaluado")).status == .notFound)
                #expect(try await Aviso.query(on: app.db).filter(\.$asunto == "Nueva observación de seguimiento").count() == 1)
                #expect(try await c.detalle().historia.contains { $0.accion == "Agregó una evidencia" && $0.detalle.contains("inventario.pdf") })
                // The page shows them and keeps what was typed when a submission is refused.
                let nav = Navegador(app)
                _ = try await nav.ingresar("paula")
                let pagina = try await nav.get("/gestion/evaluaciones/\(c.evaluacionID)")
                #expect(pagina.body.string.contains("/gestion/evaluaciones/\(c.evaluacionID)/evidencias/\(creada.id)/archivo"))
                #expect(pagina.body.string.contains("enctype=\"multipart/form-data\""))
                let mala = try await EDLWeb.multipart(nav, "/gestion/evaluaciones/\(c.evaluacionID)/evidencias", campos: ["metaId": meta], archivo: nil)
                #expect(mala.status == .unprocessableEntity && mala.body.string.contains("Escriba una nota o adjunte un archivo."))
                let buena = try await EDLWeb.multipart(nav, "/gestion/evaluaciones/\(c.evaluacionID)/evidencias", campos: ["nota": "Acta de entrega"],
                                                       archivo: ("acta.txt", Data("Acta".utf8)))
                #expect(buena.status == .seeOther)
                #expect(try await Evidencia.query(on: app.db).count() == antes + 1)
            }
        }

        @Test("The web pages: the module's home says what is due and by when; the workbench runs the actions")
        func paginas() async throws {
            try await withPacta { app in
                let c = try await Self.abrir(app)
                let nav = Navegador(app)
                _ = try await nav.ingresar("paula")
                let inicio = try await nav.get("/gestion")
                #expect(inicio.status == .ok)
                #expect(inicio.body.string.contains("Formular las metas y objetivos y enviarlas al jefe inmediato"))
                #expect(inicio.body.string.contains("Le corresponde a usted."))
                _ = try await nav.get("/gestion/evaluaciones/\(c.evaluacionID)")
                var campos: [String: String] = ["accion": "enviar_metas"]
                for (i, m) in Self.metas.enumerated() {
                    campos["metas[\(i)][descripcion]"] = m.descripcion
                    campos["metas[\(i)][producto]"] = m.producto
                    campos["metas[\(i)][evidencias]"] = m.evidencias
                    campos["metas[\(i)][peso]"] = m.peso
                    campos["metas[\(i)][pactado1]"] = m.pactado1
                    campos["metas[\(i)][pactado2]"] = m.pactado2
                }
                campos["metas[1][peso]"] = "30"
                var r = try await nav.post("/gestion/evaluaciones/\(c.evaluacionID)/acciones", campos)
                #expect(r.status == .unprocessableEntity)
                #expect(r.body.string.contains("Los pesos deben sumar exactamente 100 %"))
                #expect(r.body.string.contains("value=\"30\""))   // what was typed is kept
                campos["metas[1][peso]"] = "40"
                r = try await nav.post("/gestion/evaluaciones/\(c.evaluacionID)/acciones", campos)
                #expect(r.status == .seeOther)
                #expect(try await c.detalle().estado == .revisionMetas)
                let formato = try await nav.get("/gestion/evaluaciones/\(c.evaluacionID)/formato")
                #expect(formato.status == .ok)
                #expect(formato.body.string.contains("Publicar el boletín estadístico minero"))
                // Talento Humano opens the next vigencia from the page.
                let th = Navegador(app)
                _ = try await th.ingresar("th")
                _ = try await th.get("/gestion")
                r = try await th.post("/gestion/vigencias", ["anio": "dos mil"])
                #expect(r.status == .unprocessableEntity)
                #expect(r.body.string.contains("Escriba el año de la vigencia"))
                r = try await th.post("/gestion/vigencias", ["anio": "2027", "pesoMetas": "100", "umbralMejoramiento": "75"])
                #expect(r.status == .seeOther)
                let v = try #require(try await VigenciaGI.query(on: app.db).filter(\.$anio == 2027).first())
                #expect(try v.definicion.umbralMejoramiento == Puntaje(75))
                #expect(try v.definicion.comportamentales?.peso == 0)
            }
        }
    
        @Test("The home page and the reminders use the same \"what is due\": the jefe sees the review with its días hábiles; reminders are once a day")
        func inicioYRecordatorios() async throws {
            try await withPacta { app in
                let c = try await Self.abrir(app)
                _ = try await c.accion("paula", Accion(accion: "enviar_metas", metas: Self.metas))
                app.fijarHoy(Fecha(2026, 2, 5))
                let nav = Navegador(app)
                _ = try await nav.ingresar("jefe")
                let inicio = try await nav.get("/")
                #expect(inicio.status == .ok)
                #expect(inicio.body.string.contains("Lo que debe hacer en la gestión institucional"))
                #expect(inicio.body.string.contains("Aprobar, rechazar o modificar las metas y objetivos</a> — Paula Provisional · vence el 09/02/2026"))
                #expect(inicio.body.string.contains("quedan 2 días hábiles"))   // 6 and 9 February
                let r1 = try await RecordatoriosGI.generar(on: app.db, hoy: Fecha(2026, 2, 5), anticipacion: 5)
                #expect(r1.nuevos >= 1)
                let r2 = try await RecordatoriosGI.generar(on: app.db, hoy: Fecha(2026, 2, 5), anticipacion: 5)
                #expect(r2.nuevos == 0)
                let alJefe = try await Aviso.query(on: app.db).filter(\.$servidor.$id == c.f.jefe.id!).filter(\.$clave ~~ ["recordatorio|gi|\(c.evaluacionID)|jefe|revision_metas|2026-02-09|2026-02-05"]).count()
                #expect(alJefe == 1)
            }
        }
}
}
