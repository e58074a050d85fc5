import Fluent
import Foundation
import PactaCore
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

extension ServerTests {
    @Suite("EDL en las páginas web")
    struct EDLWeb {
        /// A period opened through the forms by Talento Humano, and the evaluado's evaluation.
        struct Ctx {
            let app: Application
            let f: EDLFixture
            let th: Navegador
            let instrumentoID: UUID
            let periodoID: UUID
            let evaluacionID: UUID
            var ruta: String { "/edl/evaluaciones/\(evaluacionID)" }

            func navegador(_ usuario: String) async throws -> Navegador {
                let n = Navegador(app)
                let r = try await n.ingresar(usuario)
                #expect(r.status == .seeOther, "\(usuario) no pudo ingresar")
                // The session changes on signing in: load a page for its CSRF token.
                _ = try await n.get("/")
                return n
            }
        }

        static func ubicacion(_ r: TestingHTTPResponse) -> String { r.headers.first(name: .location) ?? "" }

        /// What the CSP and WCAG ask of every page: no inline style or script, unique ids, every label
        /// pointing at a control, and every visible control labelled.
        static func revisarHTML(_ html: String, _ pagina: String) {
            #expect(!html.contains("style=") && !html.contains("<script"), "estilo o script en línea en \(pagina)")
            func valores(_ patron: String) -> [String] {
                let r = try! NSRegularExpression(pattern: patron)
                return r.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { m in
                    Range(m.range(at: 1), in: html).map { String(html[$0]) }
                }
            }
            let ids = valores(#"\sid="([^"]+)""#)
            let repetidos = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys
            #expect(repetidos.isEmpty, "ids repetidos en \(pagina): \(repetidos.sorted())")
            let etiquetas = Set(valores(#"<label[^>]*\sfor="([^"]+)""#))
            for f in etiquetas { #expect(ids.contains(f), "la etiqueta «\(f)» no apunta a ningún control en \(pagina)") }
            let controles = valores(#"<(?:input|select|textarea)\b([^>]*)>"#)
                .filter { !$0.contains("type=\"hidden\"") }
                .compactMap { atributos -> String? in
                    let r = try! NSRegularExpression(pattern: #"\sid="([^"]+)""#)
                    guard let m = r.firstMatch(in: atributos, range: NSRange(atributos.startIndex..., in: atributos)),
                          let rango = Range(m.range(at: 1), in: atributos) else { return "(sin id)" }
                    return String(atributos[rango])
                }
            for c in controles { #expect(etiquetas.contains(c), "el control «\(c)» no tiene etiqueta en \(pagina)") }
        }

        /// TH creates the instrument from a preset and opens the 2026 period, both through the forms on /edl.
        static func abrir(_ app: Application, preset: String = "cnsc_2018") async throws -> Ctx {
            let f = try await EDLFixture.crear(app)
            app.fijarHoy(Fecha(2026, 2, 5))
            let th = Navegador(app)
            _ = try await th.ingresar("th")
            #expect(try await th.get("/edl").status == .ok)
            let creado = try await th.post("/edl/instrumentos", ["preset": preset])
            #expect(creado.status == .seeOther, "\(creado.texto)")
            let instrumentoID = try #require(UUID(uuidString: String(ubicacion(creado).split(separator: "/").last ?? "")))
            #expect(try await th.get("/edl").status == .ok)
            let abierto = try await th.post("/edl/periodos", ["instrumentoId": instrumentoID.uuidString, "plantilla": "", "anio": "2026"])
            #expect(abierto.status == .seeOther, "\(abierto.texto)")
            let periodoID = try #require(UUID(uuidString: String(ubicacion(abierto).split(separator: "/").last ?? "")))
            let ev = try #require(try await EvaluacionEDL.query(on: app.db).filter(\.$servidor.$id == f.base.evaluado.id!).first())
            return Ctx(app: app, f: f, th: th, instrumentoID: instrumentoID, periodoID: periodoID, evaluacionID: ev.id!)
        }

        /// A urlencoded POST with repeated keys (checkboxes), keeping the browser's cookie and CSRF token.
        static func enviar(_ n: Navegador, _ path: String, _ pares: [(String, String)]) async throws -> TestingHTTPResponse {
            var h = HTTPHeaders()
            if let cookie = n.cookie { h.replaceOrAdd(name: .cookie, value: cookie) }
            h.contentType = .urlEncodedForm
            let cuerpo = (pares + [("_csrf", n.csrf ?? "")]).map { "\($0.0.formEncoded)=\($0.1.formEncoded)" }.joined(separator: "&")
            let res = try await n.app.send(.POST, path, headers: h, body: ByteBuffer(string: cuerpo))
            n.recordar(res)
            return res
        }

        static func multipart(_ n: Navegador, _ path: String, campos: [String: String], archivo: (nombre: String, datos: Data)?) async throws -> TestingHTTPResponse {
            let limite = "----pacta\(UUID().uuidString)"
            var cuerpo = Data()
            func linea(_ s: String) { cuerpo.append(Data((s + "\r\n").utf8)) }
            var todos = campos
            todos["_csrf"] = n.csrf ?? ""
            for (k, v) in todos {
                linea("--\(limite)")
                linea("Content-Disposition: form-data; name=\"\(k)\"")
                linea("")
                linea(v)
            }
            if let archivo {
                linea("--\(limite)")
                linea("Content-Disposition: form-data; name=\"archivo\"; filename=\"\(archivo.nombre)\"")
                linea("Content-Type: application/octet-stream")
                linea("")
                cuerpo.append(archivo.datos)
                linea("")
            }
            linea("--\(limite)--")
            var h = HTTPHeaders()
            if let cookie = n.cookie { h.replaceOrAdd(name: .cookie, value: cookie) }
            h.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(limite)")
            let res = try await n.app.send(.POST, path, headers: h, body: ByteBuffer(data: cuerpo))
            n.recordar(res)
            return res
        }

        static let filas: [(verbo: String, objeto: String, condicion: String, peso: String)] = [
            ("Elaborar", "los informes trimestrales de gestión", "dentro de los 10 días siguientes al trimestre", "40"),
            ("Tramitar", "las solicitudes asignadas", "en los términos de ley", "30"),
            ("Actualizar", "el normograma del proceso", "cada semestre", "30"),
        ]

        /// The compromisos form as a browser sends it: five rows (two empty) and three competencies.
        static func formularioCompromisos(pesos: [String]? = nil) -> [(String, String)] {
            var pares: [(String, String)] = []
            for k in 0..<5 {
                let fila = k < filas.count ? filas[k] : ("", "", "", "")
                let peso = k < filas.count ? (pesos?[k] ?? fila.3) : ""
                pares += [("compromisos[\(k)][verbo]", fila.0), ("compromisos[\(k)][objeto]", fila.1), ("compromisos[\(k)][condicion]", fila.2),
                          ("compromisos[\(k)][evidencias]", k < filas.count ? "Informe radicado" : ""), ("compromisos[\(k)][peso]", peso),
                          ("compromisos[\(k)][meta]", "")]
            }
            for c in ["aprendizaje_continuo", "trabajo_en_equipo", "comunicacion_efectiva"] { pares.append(("comportamentales[]", c)) }
            return pares
        }

        static func concertar(_ c: Ctx) async throws {
            let jefe = try await c.navegador("jefe")
            #expect(try await jefe.get(c.ruta).status == .ok)
            let guardado = try await enviar(jefe, "\(c.ruta)/compromisos", formularioCompromisos())
            #expect(guardado.status == .seeOther, "\(guardado.texto)")
            #expect(ubicacion(guardado) == c.ruta)
            let enviado = try await jefe.post("\(c.ruta)/acciones", ["accion": "enviar_a_firma"])
            #expect(enviado.status == .seeOther, "\(enviado.texto)")
            let evaluado = try await c.navegador("evaluado")
            let pagina = try await evaluado.get(c.ruta)
            #expect(pagina.texto.contains("Firmar los compromisos"))
            let firmado = try await evaluado.post("\(c.ruta)/acciones", ["accion": "firmar"])
            #expect(firmado.status == .seeOther, "\(firmado.texto)")
        }

        @Test("Every EDL page renders for Talento Humano, the jefe, the evaluado and Control Interno")
        func paginas() async throws {
            try await withPacta { app in
                // setup
                let c = try await Self.abrir(app)
                let jefe = try await c.navegador("jefe")
                let evaluado = try await c.navegador("evaluado")
                let oci = try await c.navegador("oci")
                // MUT + validate: Talento Humano
                let inicioTH = try await c.th.get("/edl")
                #expect(inicioTH.status == .ok)
                #expect(inicioTH.texto.contains("Abrir un período de evaluación"))
                #expect(inicioTH.texto.contains("Período anual 2026–2027"))
                #expect(inicioTH.texto.contains("<meter"))
                let instrumento = try await c.th.get("/edl/instrumentos/\(c.instrumentoID)")
                #expect(instrumento.status == .ok)
                #expect(instrumento.texto.contains("65,01") && instrumento.texto.contains("89,99") && instrumento.texto.contains("Guardar el instrumento"))
                let periodo = try await c.th.get("/edl/periodos/\(c.periodoID)")
                #expect(periodo.status == .ok)
                #expect(periodo.texto.contains("No han concertado dentro del plazo") && periodo.texto.contains("Evaluada, Eva"))
                #expect(periodo.texto.contains("Asignar a las evaluaciones sin comisión"))
                let csv = try await c.th.get("/edl/periodos/\(c.periodoID)?estado=por_concertar&formato=csv")
                #expect(csv.status == .ok && csv.texto.contains("Evaluada, Eva") && csv.texto.contains("1002"))
                let xlsx = try await c.th.get("/edl/periodos/\(c.periodoID)?formato=xlsx")
                #expect(xlsx.status == .ok && xlsx.headers.contentType?.subType.contains("spreadsheetml") == true)
                let evTH = try await c.th.get(c.ruta)
                #expect(evTH.status == .ok)
                #expect(evTH.texto.contains("Asignar la comisión evaluadora") && evTH.texto.contains("Cerrar la evaluación sin calificación"))
                #expect(try await c.th.get("/avisos").status == .ok)
                #expect(try await c.th.get("/").status == .ok)
                for (nombre, r) in [("inicio TH", inicioTH), ("instrumento", instrumento), ("período", periodo), ("evaluación TH", evTH)] {
                    Self.revisarHTML(r.texto, nombre)
                }

                // The jefe: their team's evaluation, the concertación form, what is due with días hábiles.
                let inicioJefe = try await jefe.get("/edl")
                #expect(inicioJefe.status == .ok)
                #expect(inicioJefe.texto.contains("Mis evaluaciones") && inicioJefe.texto.contains("Concertar los compromisos y enviarlos a firma"))
                #expect(!inicioJefe.texto.contains("Abrir un período de evaluación"))
                let evJefe = try await jefe.get(c.ruta)
                #expect(evJefe.status == .ok)
                #expect(evJefe.texto.contains("Concertar los compromisos") && evJefe.texto.contains("name=\"compromisos[4][verbo]\""))
                #expect(evJefe.texto.contains("20/02/2026") && evJefe.texto.contains("quedan 11 días hábiles"))
                #expect(evJefe.texto.contains("/edl/evaluaciones/\(c.evaluacionID)/formatos/fijacion"))
                #expect(try await jefe.get("/edl/periodos/\(c.periodoID)").status == .ok)
                Self.revisarHTML(evJefe.texto, "evaluación jefe")
                Self.revisarHTML(inicioJefe.texto, "inicio EDL jefe")
                let avisosJefe = try await jefe.get("/avisos")
                #expect(avisosJefe.status == .ok && avisosJefe.texto.contains("Concertar compromisos"))
                let inicio = try await jefe.get("/")
                #expect(inicio.status == .ok)
                #expect(inicio.texto.contains("Lo que debe hacer en la evaluación del desempeño") && inicio.texto.contains("Eva Evaluada")
                        && inicio.texto.contains("20/02/2026"))
                #expect(try await jefe.post("/avisos/leidos", [:]).status == .seeOther)
                #expect(try await AvisosService.noLeidos(Actor(c.f.base.usuarios["jefe"]!), on: app.db) == 0)
                // A servant neither edits instruments nor assigns the comisión.
                #expect(try await jefe.get("/edl/instrumentos/\(c.instrumentoID)").status == .forbidden)
                let abrir = try await jefe.post("/edl/periodos", ["instrumentoId": c.instrumentoID.uuidString, "anio": "2027"])
                #expect(abrir.status == .forbidden && abrir.texto.contains("No tiene permiso"))
                _ = try await jefe.get("/edl/periodos/\(c.periodoID)")
                let comision = try await jefe.post("/edl/periodos/\(c.periodoID)/comision", ["servidorId": c.f.comision.id!.uuidString])
                #expect(comision.status == .forbidden && comision.texto.contains("No tiene permiso"))
                #expect(try await EvaluacionEDL.find(c.evaluacionID, on: app.db)?.$comision.id == nil)

                // The evaluado.
                #expect(try await evaluado.get("/edl").status == .ok)
                let evEvaluado = try await evaluado.get(c.ruta)
                #expect(evEvaluado.status == .ok && evEvaluado.texto.contains("Evaluación de Evaluada, Eva"))
                #expect(!evEvaluado.texto.contains("Enviar los compromisos a firma"))
                #expect(try await evaluado.get("/").status == .ok)
                #expect(try await evaluado.get("/avisos").status == .ok)

                // Control Interno reads periods and evaluations, without forms.
                let inicioOCI = try await oci.get("/edl")
                #expect(inicioOCI.status == .ok && inicioOCI.texto.contains("Período anual 2026–2027") && !inicioOCI.texto.contains("Abrir un período"))
                let evOCI = try await oci.get(c.ruta)
                #expect(evOCI.status == .ok && !evOCI.texto.contains("Acciones disponibles"))
                #expect(try await oci.get("/edl/instrumentos/\(c.instrumentoID)").status == .ok)

                // Home page of Talento Humano once the concertación is late.
                app.fijarHoy(Fecha(2026, 2, 23))
                let inicioTarde = try await c.th.get("/")
                #expect(inicioTarde.texto.contains("lo que espera de Talento Humano") && inicioTarde.texto.contains("1 evaluación(es) sin concertar"))
                let tarde = try await c.th.get("/edl/periodos/\(c.periodoID)?atraso=concertacion")
                #expect(tarde.texto.contains("No han concertado dentro del plazo (1)"))
            }
        }

        @Test("A servant who takes no part in an evaluation gets 404 on its page, its files and its forms")
        func ajeno() async throws {
            try await withPacta { app in
                // setup
                let c = try await Self.abrir(app)
                let comision = try await c.navegador("comision")
                let oap = try await c.navegador("oap")
                // MUT + validate
                #expect(try await comision.get(c.ruta).status == .notFound)
                #expect(try await oap.get(c.ruta).status == .notFound)
                let post = try await Self.enviar(comision, "\(c.ruta)/compromisos", Self.formularioCompromisos())
                #expect(post.status == .notFound)
                #expect(try await comision.get("\(c.ruta)/evidencias/\(UUID())/archivo").status == .notFound)
                #expect(try await CompromisoLaboral.query(on: app.db).count() == 0)
                // The comisión's own list shows nothing of it.
                let inicio = try await comision.get("/edl")
                #expect(inicio.status == .ok && !inicio.texto.contains("Evaluada, Eva"))
            }
        }

        @Test("A whole concertación through the forms ends en seguimiento")
        func concertacion() async throws {
            try await withPacta { app in
                // setup
                let c = try await Self.abrir(app)
                // MUT
                try await Self.concertar(c)
                // validate
                let ev = try #require(try await EvaluacionEDL.find(c.evaluacionID, on: app.db))
                #expect(ev.estado == .enSeguimiento)
                #expect(ev.modoFijacion == .concertados)
                #expect(try await CompromisoLaboral.query(on: app.db).filter(\.$evaluacion.$id == c.evaluacionID).count() == 3)
                let evaluado = try await c.navegador("evaluado")
                let pagina = try await evaluado.get(c.ruta)
                #expect(pagina.texto.contains("En seguimiento") && pagina.texto.contains("los informes trimestrales de gestión"))
                #expect(pagina.texto.contains("Agregar evidencia"))
                #expect(!pagina.texto.contains("Guardar compromisos"))
                // The jefe's follow-up tools: plan de mejoramiento with its follow-up.
                let jefe = try await c.navegador("jefe")
                let accion = try await jefe.post("\(c.ruta)/plan", ["accion": "Curso de redacción", "responsable": "Eva Evaluada",
                                                                    "fechaLimite": "30/04/2026", "indicador": "Curso aprobado"])
                #expect(accion.status == .seeOther, "\(accion.texto)")
                let a = try #require(try await AccionDeMejoramiento.query(on: app.db).first())
                let seguimiento = try await jefe.post("\(c.ruta)/plan/\(a.id!)/seguimientos", ["avance": "50", "nota": "Va en la mitad"])
                #expect(seguimiento.status == .seeOther)
                let malo = try await jefe.post("\(c.ruta)/plan", ["accion": "Otra", "responsable": "Eva", "fechaLimite": "31/02/2026", "indicador": "x"])
                #expect(malo.status == .unprocessableEntity)
                #expect(malo.texto.contains("no es una fecha válida") && malo.texto.contains(">Otra</textarea>"))
                let conAviso = try await jefe.get(c.ruta)
                Self.revisarHTML(conAviso.texto, "evaluación en seguimiento")
                Self.revisarHTML(malo.texto, "plan con error")
                #expect(conAviso.texto.contains("Va en la mitad") && conAviso.texto.contains("Curso de redacción"))
            }
        }

        @Test("Compromisos whose weights sum 90 are shown again with the Spanish message and nothing is saved")
        func pesosMalos() async throws {
            try await withPacta { app in
                // setup
                let c = try await Self.abrir(app)
                let jefe = try await c.navegador("jefe")
                _ = try await jefe.get(c.ruta)
                // MUT
                let r = try await Self.enviar(jefe, "\(c.ruta)/compromisos", Self.formularioCompromisos(pesos: ["40", "30", "20"]))
                // validate
                #expect(r.status == .unprocessableEntity)
                #expect(r.texto.contains("Los pesos deben sumar exactamente 100,00 %; suman 90,00 %."))
                #expect(r.texto.contains("el normograma del proceso"))
                #expect(r.texto.contains("value=\"20\""))
                #expect(r.texto.contains("id=\"comp-trabajo_en_equipo\" name=\"comportamentales[]\" value=\"trabajo_en_equipo\" checked"))
                #expect(try await CompromisoLaboral.query(on: app.db).count() == 0)
                // A row without its verbo gets its message next to that row.
                var pares = Self.formularioCompromisos()
                pares[0] = ("compromisos[0][verbo]", "")
                let sinVerbo = try await Self.enviar(jefe, "\(c.ruta)/compromisos", pares)
                #expect(sinVerbo.status == .unprocessableEntity)
                #expect(sinVerbo.texto.contains("id=\"c0-verbo-error\">El compromiso 1 necesita un verbo"))
                // Sending to signature with nothing saved is refused on the page, with the workflow's status.
                let enviar = try await jefe.post("\(c.ruta)/acciones", ["accion": "enviar_a_firma"])
                #expect(enviar.status == .unprocessableEntity)
                #expect(enviar.texto.contains("Los compromisos guardados no cumplen las reglas del instrumento"))
                let ev = try #require(try await EvaluacionEDL.find(c.evaluacionID, on: app.db))
                #expect(ev.estado == .porConcertar)
                // The evaluado may not sign yet: 409 from the workflow.
                let evaluado = try await c.navegador("evaluado")
                let firmar = try await evaluado.post("\(c.ruta)/acciones", ["accion": "firmar"])
                #expect(firmar.status == .conflict)
                #expect(firmar.texto.contains("No se puede firmar los compromisos"))
            }
        }

        @Test("An instrument's bad form is shown again with the messages and changes nothing; a good one saves")
        func instrumento() async throws {
            try await withPacta { app in
                // setup
                let c = try await Self.abrir(app)
                let ruta = "/edl/instrumentos/\(c.instrumentoID)"
                _ = try await c.th.get(ruta)
                // MUT: a weight over 100
                let malo = try await Self.enviar(c.th, ruta, [("nombre", "Sistema Tipo ajustado"), ("vinculaciones[]", "carrera"), ("pesoFuncional", "150"),
                                                              ("comision", "si"), ("activo", "si")])
                // validate
                #expect(malo.status == .unprocessableEntity)
                #expect(malo.texto.contains("El peso funcional debe ser un número entero entre 0 y 100."))
                #expect(malo.texto.contains("value=\"Sistema Tipo ajustado\""))
                #expect(try await InstrumentoEDL.find(c.instrumentoID, on: app.db)?.nombre == "Sistema Tipo CNSC 2018")
                // MUT: a good one, with the scale edited
                let bueno = try await Self.enviar(c.th, ruta, [
                    ("nombre", "Sistema Tipo ajustado"), ("vinculaciones[]", "carrera"), ("vinculaciones[]", "periodo_de_prueba"), ("pesoFuncional", "85"),
                    ("comision", "no"), ("activo", "si"), ("concertacionDias", "10"),
                    ("nivelNombre[]", "No satisfactorio"), ("nivelDesde[]", "0"), ("nivelNombre[]", "Satisfactorio"), ("nivelDesde[]", "66"),
                    ("nivelSatisfactorio[]", "1"), ("nivelNombre[]", "Sobresaliente"), ("nivelDesde[]", "90"), ("nivelSatisfactorio[]", "2"),
                    ("nivelNombre[]", ""), ("nivelDesde[]", ""), ("formatos[fijacion]", "EDL-01"),
                ])
                #expect(bueno.status == .seeOther, "\(bueno.texto)")
                let i = try #require(try await InstrumentoEDL.find(c.instrumentoID, on: app.db))
                let d = try i.definicion
                #expect(i.nombre == "Sistema Tipo ajustado")
                #expect(!d.requiereComision && d.plazos.concertacion == .diasHabiles(10) && d.formatos["fijacion"] == "EDL-01")
                #expect(d.escala.niveles.map(\.desde.texto) == ["0,00", "66,00", "90,00"])
                let pagina = try await c.th.get(ruta)
                #expect(pagina.texto.contains("Se guardó el instrumento") && pagina.texto.contains("65,99"))
            }
        }

        @Test("Evidence upload through the form: a small PDF is kept and downloadable, an .exe is refused")
        func evidencias() async throws {
            try await withPacta { app in
                // setup
                let c = try await Self.abrir(app)
                try await Self.concertar(c)
                let evaluado = try await c.navegador("evaluado")
                let pagina = try await evaluado.get(c.ruta)
                #expect(pagina.texto.contains("enctype=\"multipart/form-data\""))
                let compromiso = try #require(try await CompromisoLaboral.query(on: app.db).filter(\.$orden == 1).first())
                // MUT
                let ok = try await Self.multipart(evaluado, "\(c.ruta)/evidencias", campos: ["nota": "Informe del primer trimestre",
                                                                                            "compromisoId": compromiso.id!.uuidString],
                                                  archivo: ("informe.pdf", pdfDePrueba))
                // validate
                #expect(ok.status == .seeOther, "\(ok.texto)")
                let e = try #require(try await Evidencia.query(on: app.db).first())
                #expect(e.nombreArchivo == "informe.pdf" && e.referenciaID == compromiso.id)
                let conEvidencia = try await evaluado.get(c.ruta)
                #expect(conEvidencia.texto.contains("Se agregó la evidencia") && conEvidencia.texto.contains("/evidencias/\(e.id!)/archivo"))
                let descarga = try await evaluado.get("\(c.ruta)/evidencias/\(e.id!)/archivo")
                #expect(descarga.status == .ok && Data(buffer: descarga.body) == pdfDePrueba)
                // MUT: an executable
                let exe = try await Self.multipart(evaluado, "\(c.ruta)/evidencias", campos: ["nota": "programa"],
                                                   archivo: ("programa.exe", Data([0x4D, 0x5A, 0x90, 0x00])))
                #expect(exe.status == .unprocessableEntity)
                #expect(exe.texto.contains("Tipo de archivo no permitido"))
                #expect(exe.texto.contains(">programa</textarea>"))
                // A renamed executable is refused too.
                let disfrazado = try await Self.multipart(evaluado, "\(c.ruta)/evidencias", campos: [:], archivo: ("informe.pdf", Data([0x4D, 0x5A, 0x90, 0x00])))
                #expect(disfrazado.status == .unprocessableEntity)
                #expect(try await Evidencia.query(on: app.db).count() == 1)
                // Only the evaluador records observations.
                let obs = try await Self.multipart(evaluado, "\(c.ruta)/evidencias", campos: ["nota": "Observo", "observacion": "si"], archivo: nil)
                #expect(obs.status == .forbidden)
                let jefe = try await c.navegador("jefe")
                _ = try await jefe.get(c.ruta)
                let obsJefe = try await Self.multipart(jefe, "\(c.ruta)/evidencias", campos: ["nota": "Buen avance", "observacion": "si"], archivo: nil)
                #expect(obsJefe.status == .seeOther)
                #expect(try await Evidencia.query(on: app.db).filter(\.$esObservacion == true).count() == 1)
            }
        }

        @Test("Talento Humano assigns the comisión from the period and the evaluation pages")
        func comision() async throws {
            try await withPacta { app in
                // setup
                let c = try await Self.abrir(app)
                // MUT: a carrera servant is refused
                let malo = try await c.th.post("/edl/periodos/\(c.periodoID)/comision", ["servidorId": c.f.base.evaluado.id!.uuidString])
                #expect(malo.status == .unprocessableEntity)
                #expect(malo.texto.contains("libre nombramiento y remoción"))
                // MUT: the LNR servant, for the whole period
                let bueno = try await c.th.post("/edl/periodos/\(c.periodoID)/comision", ["servidorId": c.f.comision.id!.uuidString])
                #expect(bueno.status == .seeOther)
                #expect(try await EvaluacionEDL.find(c.evaluacionID, on: app.db)?.$comision.id == c.f.comision.id)
                // validate: the comisión now sees the evaluation
                let comision = try await c.navegador("comision")
                #expect(try await comision.get(c.ruta).status == .ok)
                // And per evaluation.
                let otra = try await c.th.post("\(c.ruta)/comision", ["servidorId": c.f.superior.id!.uuidString])
                #expect(otra.status == .seeOther, "\(otra.texto)")
                #expect(try await EvaluacionEDL.find(c.evaluacionID, on: app.db)?.$comision.id == c.f.superior.id)
            }
        }

        @Test("With more LNR servants than a list can hold, the comisión is chosen by documento")
        func comisionPorDocumento() async throws {
            try await withPacta { app in
                // setup: 200 more LNR servants
                let c = try await Self.abrir(app)
                let muchos = (0..<ServerTests.EDLWeb.maximoExtra).map { k in
                    Servidor(entidadID: c.f.base.entidadA.id!, documento: "9\(10_000 + k)", nombres: "Asesor", apellidos: "Número \(k)", correo: nil,
                             tipoVinculacion: .libreNombramiento, fechaPosesion: Fecha(2020, 1, 1), empleoID: nil,
                             dependenciaID: c.f.base.dependenciaA.id, jefeID: nil)
                }
                try await muchos.create(on: app.db)
                // MUT + validate: the pages ask for the documento instead of listing them
                let periodo = try await c.th.get("/edl/periodos/\(c.periodoID)")
                #expect(periodo.texto.contains("Documento del integrante") && !periodo.texto.contains("Asesor Número 7"))
                Self.revisarHTML(periodo.texto, "período con comisión por documento")
                let malo = try await c.th.post("/edl/periodos/\(c.periodoID)/comision", ["documento": "123"])
                #expect(malo.status == .unprocessableEntity && malo.texto.contains("No hay un servidor con el documento 123"))
                let bueno = try await c.th.post("/edl/periodos/\(c.periodoID)/comision", ["documento": c.f.comision.documento])
                #expect(bueno.status == .seeOther, "\(bueno.texto)")
                #expect(try await EvaluacionEDL.find(c.evaluacionID, on: app.db)?.$comision.id == c.f.comision.id)
                let pagina = try await c.th.get(c.ruta)
                #expect(pagina.texto.contains("Documento del integrante"))
                Self.revisarHTML(pagina.texto, "evaluación con comisión por documento")
            }
        }

        static let maximoExtra = PactaServer.EDLWeb.maximoCandidatosEnLista

        @Test("Talento Humano, from the pages: incorporates a newcomer, sees its tasks on the home page and designates who rates an orphan parcial")
        func talentoHumanoEnPaginas() async throws {
            try await withPacta { app in
                // setup
                let c = try await Self.abrir(app)
                try await Self.concertar(c)
                let nueva = Servidor(entidadID: c.f.base.entidadA.id!, documento: "1011", nombres: "Nelly", apellidos: "Nueva", correo: nil,
                                     tipoVinculacion: .carrera, fechaPosesion: Fecha(2026, 3, 2), empleoID: c.f.base.empleoA.id,
                                     dependenciaID: c.f.base.dependenciaA.id, jefeID: c.f.base.jefe.id)
                try await nueva.create(on: app.db)
                // MUT: incorporation from the period page
                app.fijarHoy(Fecha(2026, 3, 3))
                let periodo = try await c.th.get("/edl/periodos/\(c.periodoID)")
                #expect(periodo.texto.contains("Incorporar servidores nuevos"))
                Self.revisarHTML(periodo.texto, "período TH")
                let inc = try await c.th.post("/edl/periodos/\(c.periodoID)/incorporaciones", [:])
                #expect(inc.status == .seeOther)
                #expect(try await c.th.get(Self.ubicacion(inc)).texto.contains("Se incorporaron 1 servidor(es) al período"))
                #expect(try await EvaluacionEDL.query(on: app.db).filter(\.$periodo.$id == c.periodoID).count() == 2)
                // a change of jefe opens a parcial the leaving jefe owes, and the jefe leaves without rating it
                app.fijarHoy(Fecha(2026, 5, 4))
                let cj = try await app.sendJSON(.POST, "/api/v1/servidores/\(c.f.base.evaluado.id!)/situaciones", token: c.f.token("th"),
                                                json: ["tipo": "cambio_de_jefe", "fechaInicio": "04/05/2026", "jefeId": c.f.superior.id!.uuidString])
                #expect(cj.status == .created, "\(cj.texto)")
                c.f.base.jefe.activo = false
                try await c.f.base.jefe.save(on: app.db)
                // validate: the home page lists what is due from Talento Humano
                let inicio = try await c.th.get("/")
                #expect(inicio.texto.contains("lo que espera de Talento Humano"))
                #expect(inicio.texto.contains("1 evaluación(es) parcial(es) eventual(es) vencida(s) sin calificar"))
                // the evaluation page offers the designation, suggesting the leaving jefe's own jefe
                let pagina = try await c.th.get(c.ruta)
                #expect(pagina.texto.contains("Designar quién califica la evaluación parcial") && pagina.texto.contains("Sugerido: Sara Superior (1004)"))
                Self.revisarHTML(pagina.texto, "evaluación TH con designación")
                let tramo = try #require(try await TramoEDL.query(on: app.db).filter(\.$evaluacion.$id == c.evaluacionID).filter(\.$estado == .abierto).first())
                let malo = try await c.th.post("\(c.ruta)/parciales/\(tramo.id!)/evaluador", ["documento": "999999"])
                #expect(malo.status == .unprocessableEntity && malo.texto.contains("No hay un servidor con el documento 999999"))
                #expect(try await TramoEDL.find(tramo.id, on: app.db)?.$evaluador.id == c.f.base.jefe.id)
                let bueno = try await c.th.post("\(c.ruta)/parciales/\(tramo.id!)/evaluador", ["documento": "1004"])
                #expect(bueno.status == .seeOther, "\(bueno.texto)")
                #expect(try await TramoEDL.find(tramo.id, on: app.db)?.$evaluador.id == c.f.superior.id)
                let superior = try await c.navegador("superior")
                #expect(try await superior.get(c.ruta).texto.contains("Evaluación parcial eventual: cambio de evaluador"))
            }
        }

        @Test("Rating through the forms: semester, definitive with motivación, comisión, notificación, en firme")
        func calificacion() async throws {
            try await withPacta { app in
                // setup
                let c = try await Self.abrir(app)
                try await Self.concertar(c)
                _ = try await c.th.get("/edl/periodos/\(c.periodoID)")
                #expect(try await c.th.post("/edl/periodos/\(c.periodoID)/comision", ["servidorId": c.f.comision.id!.uuidString]).status == .seeOther)
                let ids = try await CompromisoLaboral.query(on: app.db).filter(\.$evaluacion.$id == c.evaluacionID).sort(\.$orden).all().map { $0.id! }
                func cumplimientos(_ v: String) -> [(String, String)] { ids.map { ("cumplimientos[\($0.uuidString)]", v) } }
                let jefe = try await c.navegador("jefe")
                // Before the semester ends there is no rating form.
                #expect(!(try await jefe.get(c.ruta).texto.contains("Registrar calificación")))
                // MUT: first semester
                app.fijarHoy(Fecha(2026, 8, 3))
                let semestre = try await jefe.get(c.ruta)
                #expect(semestre.texto.contains("Calificar: primer semestre") && semestre.texto.contains("name=\"puntosComportamentales\""))
                let s1 = try await Self.enviar(jefe, "\(c.ruta)/calificaciones", cumplimientos("90") + [("puntosComportamentales", "12"), ("observaciones", "Buen semestre")])
                #expect(s1.status == .seeOther, "\(s1.texto)")
                // MUT: the definitive needs its motivación; the input is kept
                app.fijarHoy(Fecha(2027, 2, 1))
                let sinMotivo = try await Self.enviar(jefe, "\(c.ruta)/calificaciones", cumplimientos("85,5") + [("puntosComportamentales", "13")])
                #expect(sinMotivo.status == .unprocessableEntity)
                #expect(sinMotivo.texto.contains("La calificación definitiva debe ser motivada") && sinMotivo.texto.contains("value=\"85,5\""))
                #expect(try await TramoEDL.query(on: app.db).count() == 1)
                let fin = try await Self.enviar(jefe, "\(c.ruta)/calificaciones",
                                                cumplimientos("85,5") + [("puntosComportamentales", "13"), ("motivacion", "Cumplió sus compromisos")])
                #expect(fin.status == .seeOther, "\(fin.texto)")
                #expect(try await EvaluacionEDL.find(c.evaluacionID, on: app.db)?.estado == .porAprobarComision)
                // The comisión approves.
                let comision = try await c.navegador("comision")
                #expect(try await comision.get(c.ruta).texto.contains("Aprobar la calificación en comisión"))
                #expect(try await comision.post("\(c.ruta)/acciones", ["accion": "aprobar_comision"]).status == .seeOther)
                // Talento Humano notifies; a future date is refused next to the field.
                app.fijarHoy(Fecha(2027, 2, 2))
                _ = try await c.th.get(c.ruta)
                let futura = try await c.th.post("\(c.ruta)/acciones", ["accion": "notificar", "fecha": "05/02/2027", "medio": "personal"])
                #expect(futura.status == .unprocessableEntity)
                #expect(futura.texto.contains("id=\"a-notificar-fecha-error\">La fecha de notificación no puede ser futura."))
                #expect(try await c.th.post("\(c.ruta)/acciones", ["accion": "notificar", "fecha": "02/02/2027", "medio": "personal"]).status == .seeOther)
                // validate: the evaluado waives the recursos and it is en firme
                let evaluado = try await c.navegador("evaluado")
                let notificada = try await evaluado.get(c.ruta)
                #expect(notificada.texto.contains("Interponer recurso de reposición") && notificada.texto.contains("Renunciar a los recursos"))
                Self.revisarHTML(notificada.texto, "evaluación notificada")
                Self.revisarHTML(semestre.texto, "evaluación por calificar")
                Self.revisarHTML(sinMotivo.texto, "calificación con error")
                #expect(try await evaluado.post("\(c.ruta)/acciones", ["accion": "renunciar_a_recursos"]).status == .seeOther)
                let ev = try #require(try await EvaluacionEDL.find(c.evaluacionID, on: app.db))
                #expect(ev.estado == .enFirme && ev.satisfactoria == true)
                let final = try await evaluado.get(c.ruta)
                #expect(final.texto.contains("En firme") && final.texto.contains("formatos/consolidacion"))
            }
        }

        @Test("Through the pages: a parcial from a licencia, a low definitive, reposición with apelación en subsidio, and the No satisfactoria in the insubsistencia list")
        func parcialRecursoEInsubsistencia() async throws {
            try await withPacta { app in
                // setup
                let c = try await Self.abrir(app)
                try await Self.concertar(c)
                _ = try await c.th.get("/edl/periodos/\(c.periodoID)")
                #expect(try await c.th.post("/edl/periodos/\(c.periodoID)/comision", ["servidorId": c.f.comision.id!.uuidString]).status == .seeOther)
                let ids = try await CompromisoLaboral.query(on: app.db).filter(\.$evaluacion.$id == c.evaluacionID).sort(\.$orden).all().map { $0.id! }
                func cumplimientos(_ v: String) -> [(String, String)] { ids.map { ("cumplimientos[\($0.uuidString)]", v) } }
                // MUT: Talento Humano records a 45-day licencia on the servant's page
                app.fijarHoy(Fecha(2026, 5, 29))
                _ = try await c.th.get("/servidores/\(c.f.base.evaluado.id!)")
                let sit = try await c.th.post("/servidores/\(c.f.base.evaluado.id!)/situaciones",
                                              ["tipo": "licencia", "fechaInicio": "01/06/2026", "fechaFin": "15/07/2026", "observacion": "Licencia no remunerada"])
                #expect(sit.status == .seeOther, "\(sit.texto)")
                let parcial = try #require(try await TramoEDL.query(on: app.db).filter(\.$evaluacion.$id == c.evaluacionID).first())
                let jefe = try await c.navegador("jefe")
                let pagina = try await jefe.get(c.ruta)
                #expect(pagina.texto.contains("17/06/2026"))
                let p1 = try await Self.enviar(jefe, "\(c.ruta)/calificaciones", cumplimientos("80") + [("tramoId", parcial.id!.uuidString), ("puntosComportamentales", "12")])
                #expect(p1.status == .seeOther, "\(p1.texto)")
                // the definitive, low
                app.fijarHoy(Fecha(2027, 2, 1))
                _ = try await jefe.get(c.ruta)
                let fin = try await Self.enviar(jefe, "\(c.ruta)/calificaciones",
                                                cumplimientos("40") + [("puntosComportamentales", "5"), ("motivacion", "Incumplió los compromisos")])
                #expect(fin.status == .seeOther, "\(fin.texto)")
                let comision = try await c.navegador("comision")
                _ = try await comision.get(c.ruta)
                #expect(try await comision.post("\(c.ruta)/acciones", ["accion": "aprobar_comision"]).status == .seeOther)
                app.fijarHoy(Fecha(2027, 2, 2))
                _ = try await c.th.get(c.ruta)
                #expect(try await c.th.post("\(c.ruta)/acciones", ["accion": "notificar", "fecha": "02/02/2027", "medio": "personal"]).status == .seeOther)
                // the evaluado files reposición y en subsidio apelación; without fundamentos it is refused
                let evaluado = try await c.navegador("evaluado")
                #expect(try await evaluado.get(c.ruta).texto.contains("09/02/2027"))
                let vacio = try await evaluado.post("\(c.ruta)/acciones", ["accion": "interponer_reposicion", "tipo": "reposicion_y_apelacion", "fundamentos": ""])
                #expect(vacio.status == .unprocessableEntity)
                #expect(vacio.texto.contains("Los fundamentos del recurso son obligatorios."))
                let recurso = try await evaluado.post("\(c.ruta)/acciones", ["accion": "interponer_reposicion", "tipo": "reposicion_y_apelacion",
                                                                            "fundamentos": "No se valoraron mis evidencias"])
                #expect(recurso.status == .seeOther, "\(recurso.texto)")
                // the jefe confirms, the superior confirms in apelación
                _ = try await jefe.get(c.ruta)
                #expect(try await jefe.post("\(c.ruta)/acciones", ["accion": "resolver_reposicion", "decision": "confirma",
                                                                  "observacion": "Las evidencias no muestran el cumplimiento"]).status == .seeOther)
                let superior = try await c.navegador("superior")
                let enApelacion = try await superior.get(c.ruta)
                #expect(enApelacion.status == .ok)
                #expect(enApelacion.texto.contains("Resolver el recurso de apelación"))
                Self.revisarHTML(enApelacion.texto, "evaluación en apelación")
                #expect(try await superior.post("\(c.ruta)/acciones", ["accion": "resolver_apelacion", "decision": "confirma",
                                                                      "observacion": "Se confirma"]).status == .seeOther)
                // validate
                let ev = try #require(try await EvaluacionEDL.find(c.evaluacionID, on: app.db))
                #expect(ev.estado == .enFirme && ev.satisfactoria == false && ev.puntajeValor?.texto == "54,38")
                let lista = try await c.th.get("/edl/insubsistencia")
                #expect(lista.status == .ok)
                #expect(lista.texto.contains("Evaluada") && lista.texto.contains("54,38"))
                #expect(try await evaluado.get("/edl/insubsistencia").status == .forbidden)
            }
        }
    }
}
