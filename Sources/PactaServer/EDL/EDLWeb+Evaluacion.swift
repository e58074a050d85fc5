import Fluent
import Foundation
import PactaCore
import Vapor

/// The evaluation workbench: one page with everything about an evaluation and a form for each thing
/// the viewer may do now. Each POST redirects back (303) with a notice; a refused one shows the page
/// again with the message at the form that failed, the person's input kept, and the error's status.
extension EDLWeb {
    /// Which form failed and what was typed in it.
    struct Fallo: Sendable {
        let formulario: String
        let error: PactaError
        var valores: [String: String] = [:]
        var compromisos: [EvaluacionesEDLService.CompromisoInput]?
        var comportamentales: [String]?
        var cumplimientos: [String: String] = [:]

        func bolsa(_ clave: String) -> EstadoFormulario { formulario == clave ? EstadoFormulario(error, valores: valores) : EstadoFormulario() }
    }

    struct FilaCompromiso: Encodable {
        let i: Int; let n: Int
        let verbo: String; let objeto: String; let condicion: String; let evidencias: String; let peso: String; let meta: String
        let errores: [String: String]
    }
    struct OpcionCompetencia: Encodable { let codigo: String; let nombre: String; let comun: Bool; let elegida: Bool }

    struct FormAccion: Encodable {
        let accion: String
        let boton: String
        let ayuda: String
        let peligro: Bool
        let etiquetaObservacion: String?
        let observacionObligatoria: Bool
        let pideTestigo: Bool
        let motivos: [Opcion]
        /// For an encargo in another level: the nivel of the post held.
        let niveles: [Opcion]
        let pideNotificacion: Bool
        let medios: [Opcion]
        let tipos: [Opcion]
        let pideFundamentos: Bool
        /// Talento Humano records a recurso filed in writing: the date it was filed.
        let pideFechaPresentacion: Bool
        let decisiones: [Opcion]
        let bolsa: EstadoFormulario
    }

    struct FilaCumplimiento: Encodable { let id: UUID; let n: Int; let texto: String; let peso: String; let valor: String; let error: String? }
    struct FormCalificar: Encodable {
        let clave: String
        let titulo: String
        let detalle: String
        let tramoId: String?
        let extraordinaria: Bool
        let definitiva: Bool
        let filas: [FilaCumplimiento]
        let pideComportamentales: Bool
        let puntosRango: String
        let bolsa: EstadoFormulario
    }

    struct FilaTramo: Encodable {
        let motivo: String; let estado: String; let desde: String; let hasta: String; let dias: Int; let porcentaje: String
        let puntaje: String; let puntosComportamentales: String; let evaluador: String; let calificado: String; let vence: String
        let cumplimientos: String; let observaciones: String
        /// The printable evaluación parcial eventual of this stretch.
        let formato: String?
    }
    struct FilaPlan: Encodable { let a: EvaluacionDetalleDTO.AccionMejora; let bolsa: EstadoFormulario }
    struct FormDesignar: Encodable { let tramoId: String; let detalle: String; let documento: String; let sugerido: String?; let bolsa: EstadoFormulario }
    struct FormatoVista: Encodable { let enlace: String; let nombre: String; let codigo: String }

    struct PaginaEvaluacion: Encodable {
        let d: EvaluacionDetalleDTO
        let error: String?
        let mensajes: [String]
        let roles: String
        let pendientes: [PendienteVista]
        let editarCompromisos: Bool
        let filas: [FilaCompromiso]
        let competencias: [OpcionCompetencia]
        let compromisosBolsa: EstadoFormulario
        let acciones: [FormAccion]
        let calificaciones: [FormCalificar]
        let tramos: [FilaTramo]
        let minimo: Bool
        let minimoBolsa: EstadoFormulario
        let asignarComision: Bool
        /// `nil`: too many to list; the form asks for the documento.
        let candidatosComision: [Opcion]?
        let comisionBolsa: EstadoFormulario
        let ordenarExtraordinaria: Bool
        let extraordinariaBolsa: EstadoFormulario
        let subirEvidencia: Bool
        let esEvaluador: Bool
        let opcionesCompromiso: [Opcion]
        let evidenciaBolsa: EstadoFormulario
        let tiposArchivo: String
        let gestionaPlan: Bool
        let plan: [FilaPlan]
        let planBolsa: EstadoFormulario
        let formatos: [FormatoVista]
        let gestiona: Bool
        let designaciones: [FormDesignar]
    }

    /// Actions with their own form elsewhere on the page (or in another service call).
    static let accionesConFormularioPropio: Set<String> = [
        AccionEDL.guardarCompromisos, .registrarSeguimiento, .calificarParcial, .calificarDefinitiva, .aplicarMinimo, .calificarExtraordinaria,
    ].reduce(into: []) { $0.insert($1.rawValue) }

    static func formAccion(_ a: AccionEDL, bolsa: EstadoFormulario, comoTalentoHumano: Bool = false) -> FormAccion {
        var ayuda = ""
        var obs: String?
        var obligatoria = true
        var testigo = false, notificacion = false, fundamentos = false, peligro = false
        var motivos: [Opcion] = [], medios: [Opcion] = [], tipos: [Opcion] = [], decisiones: [Opcion] = [], niveles: [Opcion] = []
        let v = bolsa.valores
        switch a {
        case .enviarAFirma: ayuda = "El evaluado recibirá un aviso para firmar los compromisos guardados."
        case .firmar: ayuda = "Con su firma los compromisos quedan concertados y empieza el seguimiento."
        case .devolver: ayuda = "Los compromisos vuelven a concertación."; obs = "Observaciones: por qué los devuelve"
        case .fijarConTestigo:
            ayuda = "Si el evaluado se niega a firmar, deje constancia y el nombre de quien firma como testigo."
            obs = "Constancia de la negativa a firmar"; testigo = true
        case .fijarSinAcuerdo: ayuda = "Si no hubo acuerdo, el evaluador fija los compromisos."; obs = "Constancia del desacuerdo"
        case .ajustarCompromisos:
            ayuda = "La evaluación vuelve a concertación para ajustar los compromisos. Tras un traslado o un encargo en otro nivel, los nuevos compromisos cubren solo lo que falta del período."
            obs = "Observación (opcional)"; obligatoria = false
            motivos = Opciones.de(MotivoAjuste.self, elegida: v["motivo"]) { $0.nombre }
            niveles = Opciones.de(NivelJerarquico.self, elegida: v["nivel"]) { $0.nombre }
        case .aprobarComision: ayuda = "La calificación queda lista para notificar."
        case .devolverComision: ayuda = "El lapso final vuelve al evaluador para calificarlo de nuevo."; obs = "Observación de la comisión"
        case .notificar:
            ayuda = "Registre cuándo y cómo se notificó al evaluado; si deja la fecha vacía se usa la de hoy."
            notificacion = true
            medios = Opciones.de(EvaluacionesEDLService.MedioNotificacion.self, elegida: v["medio"] ?? "personal") { $0.nombre }
        case .interponerReposicion:
            ayuda = "Ante el evaluador, dentro del término de recursos. Puede pedir en subsidio la apelación."
            fundamentos = true
            tipos = [RecursoEDL.Tipo.reposicion, .reposicionYApelacion].map { Opcion(valor: $0.rawValue, texto: $0.nombre, elegida: $0.rawValue == (v["tipo"] ?? "reposicion")) }
        case .interponerApelacion: ayuda = "Ante el superior jerárquico del evaluador, dentro del término de recursos."; fundamentos = true
        case .renunciarARecursos where comoTalentoHumano: ayuda = "Registre la renuncia que el evaluado presentó por escrito: la calificación queda en firme de inmediato."
        case .renunciarARecursos: ayuda = "La calificación queda en firme de inmediato."
        case .resolverReposicion, .resolverApelacion:
            ayuda = "Si modifica o revoca la calificación, escriba el nuevo puntaje (0 a 100, con coma decimal)."
            obs = "Motivación de la decisión"
            decisiones = Opciones.de(RecursoEDL.Decision.self, elegida: v["decision"]) { $0.nombre }
        case .declararEnFirme: ayuda = "Cuando venció el término de recursos sin que el evaluado los interpusiera."
        case .cerrar: ayuda = "Para quien se retiró o dejó de estar cubierto antes de ser calificado."; obs = "Motivo del cierre"; peligro = true
        default: break
        }
        let boton = a.nombre.prefix(1).uppercased() + a.nombre.dropFirst()
        return FormAccion(accion: a.rawValue, boton: boton, ayuda: ayuda, peligro: peligro, etiquetaObservacion: obs, observacionObligatoria: obligatoria,
                          pideTestigo: testigo, motivos: motivos, niveles: niveles, pideNotificacion: notificacion, medios: medios, tipos: tipos,
                          pideFundamentos: fundamentos,
                          pideFechaPresentacion: comoTalentoHumano && (a == .interponerReposicion || a == .interponerApelacion),
                          decisiones: decisiones, bolsa: bolsa)
    }

    static func paginaEvaluacion(_ req: Request, id: UUID?, fallo: Fallo? = nil) async throws -> Response {
        let actor = try req.actor()
        let hoy = req.hoy
        let (ev, roles) = try await EDLAcceso.obtener(id, actor, on: req.db)
        let d = try await EDLVistas.detalle(ev, roles: roles, actor, hoy: hoy, on: req.db)
        let ruta = "/edl/evaluaciones/\(d.resumen.id.uuidString)"
        let esEvaluador = roles.contains(.evaluador)
        let gestiona = actor.puede(.gestionarEvaluaciones)

        // Compromisos: the rows typed (after an error) or those saved, padded to as many as the instrument allows.
        let editar = d.acciones.contains(AccionEDL.guardarCompromisos.rawValue)
        var filas: [FilaCompromiso] = []
        var elegidas = Set(d.comportamentales.map(\.codigo))
        if editar {
            var entradas: [EvaluacionesEDLService.CompromisoInput]
            var erroresPorFila: [Int: [String: String]] = [:]
            if let fallo, fallo.formulario == "compromisos" {
                entradas = fallo.compromisos ?? []
                elegidas = Set(fallo.comportamentales ?? [])
                // The service numbers the non-empty rows from 1: map its keys back to the form's rows.
                let noVacias = entradas.indices.filter { k in
                    let f = entradas[k]
                    return [f.verbo, f.objeto, f.condicion, f.evidencias, f.peso, f.meta].contains { Campos.limpio($0) != nil }
                }
                for (clave, mensaje) in fallo.error.campos where clave.hasPrefix("funcionales[") {
                    let partes = clave.dropFirst("funcionales[".count).split(separator: "]", maxSplits: 1)
                    guard partes.count == 2, let n = Int(partes[0]), n >= 1, n <= noVacias.count else { continue }
                    let campo = partes[1].hasPrefix(".") ? String(partes[1].dropFirst()) : String(partes[1])
                    erroresPorFila[noVacias[n - 1], default: [:]][campo] = mensaje
                }
            } else {
                entradas = d.compromisos.map { .init(verbo: $0.verbo, objeto: $0.objeto, condicion: $0.condicion, evidencias: $0.evidencias,
                                                     peso: $0.pesoTexto, meta: $0.meta) }
            }
            let def = try await EvaluacionesEDLService.contexto(ev, on: req.db).definicion
            let maximo = min(20, (ev.enPrueba ? def.funcionalesEnPrueba : def.funcionales).maximo)
            while entradas.count < max(maximo, 1) { entradas.append(.init()) }
            filas = entradas.enumerated().map { k, f in
                FilaCompromiso(i: k, n: k + 1, verbo: f.verbo ?? "", objeto: f.objeto ?? "", condicion: f.condicion ?? "", evidencias: f.evidencias ?? "",
                               peso: f.peso ?? "", meta: f.meta ?? "", errores: erroresPorFila[k] ?? [:])
            }
        }
        let competencias = d.competenciasDisponibles.map { OpcionCompetencia(codigo: $0.codigo, nombre: $0.nombre, comun: $0.comun, elegida: elegidas.contains($0.codigo)) }

        // State actions (each its own small form).
        let acciones = d.acciones.filter { !accionesConFormularioPropio.contains($0) }.compactMap(AccionEDL.init(rawValue:))
            .map { formAccion($0, bolsa: fallo?.bolsa("accion:\($0.rawValue)") ?? EstadoFormulario(), comoTalentoHumano: roles.contains(.talentoHumano)) }

        // Ratings: a pending parcial for whoever must rate it; else the next stretch, once it ended; else the extraordinaria.
        var calificaciones: [FormCalificar] = []
        func form(clave: String, titulo: String, detalle: String, tramoId: String?, extraordinaria: Bool, definitiva: Bool) -> FormCalificar {
            let bolsa = fallo?.bolsa("calificar:\(clave)") ?? EstadoFormulario()
            let valores = fallo?.formulario == "calificar:\(clave)" ? fallo!.cumplimientos : [:]
            return FormCalificar(
                clave: clave, titulo: titulo, detalle: detalle, tramoId: tramoId, extraordinaria: extraordinaria, definitiva: definitiva,
                filas: d.compromisos.map { c in
                    FilaCumplimiento(id: c.id, n: c.orden, texto: "\(c.verbo) \(c.objeto)", peso: c.pesoTexto, valor: valores[c.id.uuidString] ?? "",
                                     error: bolsa.errores["cumplimientos[\(c.id.uuidString)]"])
                },
                pideComportamentales: d.pesoComportamental > 0, puntosRango: d.puntosComportamentales, bolsa: bolsa)
        }
        let abiertos = d.tramos.filter { $0.estado == "abierto" }
        if let t = abiertos.first(where: \.puedoCalificar) {
            calificaciones.append(form(clave: t.id.uuidString, titulo: "Evaluación parcial eventual: \(t.motivoNombre.lowercased())",
                                       detalle: "Del \(t.desdeTexto) al \(t.hastaTexto) (\(t.dias) días laborados)\(t.venceTexto.map { ". Vence el \($0)" } ?? "").",
                                       tramoId: t.id.uuidString, extraordinaria: false, definitiva: false))
        } else if abiertos.isEmpty {
            if let s = d.siguiente, s.disponible,
               d.acciones.contains(AccionEDL.calificarParcial.rawValue) || d.acciones.contains(AccionEDL.calificarDefinitiva.rawValue) {
                calificaciones.append(form(clave: "ordinario", titulo: s.esFinal ? "Calificación definitiva: \(s.nombre.lowercased())" : "Calificar: \(s.nombre.lowercased())",
                                           detalle: "Del \(s.desdeTexto) al \(s.hastaTexto) (\(s.dias) días laborados). Vence el \(s.venceTexto).",
                                           tramoId: nil, extraordinaria: false, definitiva: s.esFinal))
            }
            if d.ordenExtraordinaria != nil, d.acciones.contains(AccionEDL.calificarExtraordinaria.rawValue) {
                calificaciones.append(form(clave: "extraordinaria", titulo: "Evaluación extraordinaria",
                                           detalle: "Cubre desde el último lapso calificado hasta hoy. Orden: \(d.ordenExtraordinaria ?? "").",
                                           tramoId: nil, extraordinaria: true, definitiva: true))
            }
        }

        let tramos = d.tramos.map { t in
            FilaTramo(motivo: t.motivoNombre, estado: t.estado == "abierto" ? "Pendiente" : "Calificado", desde: t.desdeTexto, hasta: t.hastaTexto,
                      dias: t.dias, porcentaje: t.porcentajeTexto.map { "\($0) %" } ?? "—", puntaje: t.puntajeTexto ?? "—",
                      puntosComportamentales: t.puntosComportamentales.map(String.init) ?? "—", evaluador: t.evaluador.isEmpty ? "—" : t.evaluador,
                      calificado: t.calificadoTexto ?? "—", vence: t.venceTexto ?? "—",
                      cumplimientos: t.cumplimientos.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map { "C\($0.key): \($0.value)" }.joined(separator: " · "),
                      observaciones: t.observaciones,
                      formato: t.eventual ? "\(ruta)/formatos/\(FormatoEDL.parcial.rawValue)?tramo=\(t.id.uuidString)" : nil)
        }

        // Talento Humano.
        let minimo = d.acciones.contains(AccionEDL.aplicarMinimo.rawValue) && d.siguiente?.disponible == true && abiertos.isEmpty
        let estadosComision: Set<String> = [EstadoEDL.porConcertar, .porFirmar, .enSeguimiento, .porAprobarComision].reduce(into: []) { $0.insert($1.rawValue) }
        let asignarComision = gestiona && d.requiereComision && estadosComision.contains(d.resumen.estado)
        let comisionBolsa = fallo?.bolsa("comision") ?? EstadoFormulario()
        let candidatos: [Opcion]? = asignarComision
            ? try await candidatosComision(actor, excluir: Set([ev.$servidor.id] + [ev.$evaluador.id].compactMap { $0 }),
                                           elegido: comisionBolsa.valores["servidorId"] ?? d.comisionId?.uuidString, on: req.db) : []

        // A parcial whose evaluador left (or had none): Talento Humano designates who rates it; the
        // leaving evaluador's own jefe is suggested.
        var designaciones: [FormDesignar] = []
        if roles.contains(.talentoHumano) {
            let porDesignar = try await TramoEDL.query(on: req.db).filter(\.$evaluacion.$id == ev.id!).filter(\.$estado == .abierto).all()
                .filter { t in d.tramos.contains { $0.id == t.id && $0.requiereDesignacion } }
            for t in porDesignar {
                var sugerido: Servidor?
                if let e = t.$evaluador.id, let jefe = try await Servidor.find(e, on: req.db)?.$jefe.id {
                    sugerido = try await Servidor.query(on: req.db).filter(\.$id == jefe).filter(\.$activo == true).first()
                }
                let bolsa = fallo?.bolsa("designar:\(t.id!.uuidString)") ?? EstadoFormulario()
                designaciones.append(FormDesignar(
                    tramoId: t.id!.uuidString,
                    detalle: "\(t.motivo.nombre): del \(Fecha(iso: t.desde)?.texto ?? t.desde) al \(Fecha(iso: t.hasta)?.texto ?? t.hasta)"
                        + (t.$evaluador.id == nil ? ", sin evaluador." : ", su evaluador ya no está en la entidad."),
                    documento: bolsa.valores["documento"] ?? sugerido?.documento ?? "",
                    sugerido: sugerido.map { "\($0.nombreCompleto) (\($0.documento))" }, bolsa: bolsa))
            }
        }

        // Evidencias and plan de mejoramiento.
        let evidenciaBolsa = fallo?.bolsa("evidencia") ?? EstadoFormulario()
        let opcionesCompromiso = d.compromisos.map {
            Opcion(valor: $0.id.uuidString, texto: "Compromiso \($0.orden): \($0.verbo) \($0.objeto)", elegida: $0.id.uuidString == evidenciaBolsa.valores["compromisoId"])
        }
        let gestionaPlan = esEvaluador && d.resumen.estado == EstadoEDL.enSeguimiento.rawValue
        let plan = d.planDeMejoramiento.map { FilaPlan(a: $0, bolsa: fallo?.bolsa("seguimiento:\($0.id.uuidString)") ?? EstadoFormulario()) }

        var formatos: [FormatoVista] = []
        for f in FormatoEDL.allCases {
            let aplica: Bool
            switch f {
            case .fijacion, .seguimiento, .comportamentales: aplica = true
            case .planDeMejoramiento: aplica = !d.planDeMejoramiento.isEmpty
            case .consolidacion: aplica = d.tramos.contains { $0.estado == "calificado" }
            case .parcial: aplica = d.tramos.contains(where: \.eventual)
            case .extraordinaria: aplica = d.esExtraordinaria || d.ordenExtraordinaria != nil
            }
            if aplica {
                formatos.append(FormatoVista(enlace: "\(ruta)/formatos/\(f.rawValue)", nombre: f.nombre, codigo: d.formatos[f.rawValue] ?? ""))
            }
        }

        let nombresRol = EDLAcceso.preferencia.filter(roles.contains).map { r -> String in
            switch r {
            case .evaluado: "evaluado(a)"
            case .evaluador: "evaluador(a)"
            case .comision: "integrante de la comisión evaluadora"
            case .superior: "superior jerárquico del evaluador"
            case .talentoHumano: "Talento Humano"
            }
        }
        let pendientes = d.pendientes.map { p in
            PendienteVista(evaluacionId: d.resumen.id, tarea: p.tarea, rol: p.rolNombre, vence: p.vence, venceTexto: p.venceTexto, diasHabiles: p.diasHabiles,
                           plazo: Debido<RolEDL>.textoPlazo(dias: p.diasHabiles, vencido: p.vencido), vencido: p.vencido, mio: p.mio)
        }
        let pagina = PaginaEvaluacion(
            d: d, error: fallo?.error.mensaje, mensajes: fallo.map { EstadoFormulario($0.error).mensajes } ?? [],
            roles: nombresRol.isEmpty ? "consulta" : nombresRol.joined(separator: ", "), pendientes: pendientes,
            editarCompromisos: editar, filas: filas, competencias: competencias, compromisosBolsa: fallo?.bolsa("compromisos") ?? EstadoFormulario(),
            acciones: acciones, calificaciones: calificaciones, tramos: tramos,
            minimo: minimo, minimoBolsa: fallo?.bolsa("minimo") ?? EstadoFormulario(),
            asignarComision: asignarComision, candidatosComision: candidatos, comisionBolsa: comisionBolsa,
            ordenarExtraordinaria: gestiona && d.resumen.estado == EstadoEDL.enSeguimiento.rawValue,
            extraordinariaBolsa: fallo?.bolsa("extraordinaria") ?? EstadoFormulario(),
            subirEvidencia: d.acciones.contains(AccionEDL.registrarSeguimiento.rawValue), esEvaluador: esEvaluador,
            opcionesCompromiso: opcionesCompromiso, evidenciaBolsa: evidenciaBolsa, tiposArchivo: EvidenciasService.tiposTexto,
            gestionaPlan: gestionaPlan, plan: plan, planBolsa: fallo?.bolsa("plan") ?? EstadoFormulario(), formatos: formatos, gestiona: gestiona,
            designaciones: designaciones)
        return try await req.pagina("edl/evaluacion", "Evaluación de \(d.resumen.servidor)", pagina, status: fallo?.error.status ?? .ok)
    }

    /// Runs a write and redirects back with `aviso`; on a person's mistake, the page again with `fallo`.
    static func enviar(_ req: Request, _ id: UUID?, formulario: String, valores: [String: String] = [:],
                       ajustar: (inout Fallo) -> Void = { _ in }, aviso: @escaping (EvaluacionEDL?) -> String,
                       _ accion: () async throws -> EvaluacionEDL?) async throws -> Response {
        do {
            let ev = try await accion()
            req.avisar(aviso(ev))
            return req.redirect(to: "/edl/evaluaciones/\(id?.uuidString ?? "")", redirectType: .normal)
        } catch let e as PactaError {
            // The page checks access again: an evaluation the person may not see stays a 404.
            var f = Fallo(formulario: formulario, error: e, valores: valores)
            ajustar(&f)
            return try await paginaEvaluacion(req, id: id, fallo: f)
        }
    }

    @Sendable static func evaluacion(req: Request) async throws -> Response {
        try await paginaEvaluacion(req, id: req.parameters.get("id", as: UUID.self))
    }

    @Sendable static func compromisos(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let input = try req.content.decode(EvaluacionesEDLService.CompromisosInput.self)
        return try await enviar(req, id, formulario: "compromisos", ajustar: {
            $0.compromisos = input.compromisos ?? []
            $0.comportamentales = input.comportamentales ?? []
        }, aviso: { _ in "Se guardaron los compromisos. Cuando estén listos, envíelos a firma." }) {
            try await EvaluacionesEDLService.guardarCompromisos(id, input, req.actor(), hoy: req.hoy, on: req.db)
        }
    }

    @Sendable static func accion(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let input = try req.content.decode(EvaluacionesEDLService.AccionInput.self)
        let accion = Campos.limpio(input.accion).flatMap(AccionEDL.init(rawValue:))
        let valores = ["observacion": input.observacion, "testigo": input.testigo, "motivo": input.motivo, "fecha": input.fecha,
                       "medio": input.medio, "tipo": input.tipo, "fundamentos": input.fundamentos, "decision": input.decision,
                       "puntaje": input.puntaje, "nivel": input.nivel].compactMapValues { $0 }
        let avisos: [AccionEDL: String] = [
            .enviarAFirma: "Se enviaron los compromisos al evaluado para su firma.",
            .firmar: "Firmó los compromisos: quedaron concertados y empieza el seguimiento.",
            .devolver: "Se devolvieron los compromisos con su observación.",
            .fijarConTestigo: "Los compromisos quedaron fijados con testigo.",
            .fijarSinAcuerdo: "Los compromisos quedaron fijados por el evaluador.",
            .ajustarCompromisos: "La evaluación volvió a concertación para ajustar los compromisos.",
            .aprobarComision: "La comisión evaluadora aprobó la calificación.",
            .devolverComision: "La calificación se devolvió al evaluador.",
            .notificar: "Se registró la notificación de la calificación.",
            .interponerReposicion: "Se registró el recurso de reposición.",
            .interponerApelacion: "Se registró el recurso de apelación.",
            .renunciarARecursos: "Renunció a los recursos: la evaluación quedó en firme.",
            .resolverReposicion: "Se registró la decisión del recurso de reposición.",
            .resolverApelacion: "Se registró la decisión del recurso de apelación.",
            .declararEnFirme: "La evaluación quedó en firme.",
            .cerrar: "La evaluación se cerró sin calificación.",
        ]
        return try await enviar(req, id, formulario: "accion:\(accion?.rawValue ?? input.accion ?? "")", valores: valores,
                                aviso: { ev in (accion.flatMap { avisos[$0] } ?? "Listo.") + (ev.map { " Estado: \($0.estado.nombre)." } ?? "") }) {
            try await EvaluacionesEDLService.ejecutar(id, input, req.actor(), hoy: req.hoy, on: req.db)
        }
    }

    @Sendable static func calificar(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let input = try req.content.decode(TramosEDLService.CalificarInput.self)
        let clave = Campos.limpio(input.tramoId) ?? (Campos.limpio(input.extraordinaria) != nil ? "extraordinaria" : "ordinario")
        let valores = ["puntosComportamentales": input.puntosComportamentales, "observaciones": input.observaciones,
                       "motivacion": input.motivacion].compactMapValues { $0 }
        return try await enviar(req, id, formulario: "calificar:\(clave)", valores: valores, ajustar: { $0.cumplimientos = input.cumplimientos ?? [:] },
                                aviso: { ev in
                                    guard let ev, let p = ev.puntajeValor, ev.calificadaEl != nil else { return "Se registró la calificación del lapso." }
                                    return "Se registró la calificación: \(p.texto) (\(ev.nivelNombre ?? "")). Estado: \(ev.estado.nombre)."
                                }) {
            try await TramosEDLService.calificar(id, input, req.actor(), hoy: req.hoy, on: req.db)
        }
    }

    @Sendable static func minimo(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        return try await enviar(req, id, formulario: "minimo", aviso: { _ in "Se aplicó el mínimo satisfactorio al lapso que el evaluador no calificó a tiempo." }) {
            try await TramosEDLService.aplicarMinimo(id, req.actor(), hoy: req.hoy, on: req.db)
        }
    }

    @Sendable static func comision(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let input = try req.content.decode(EvaluacionesEDLService.ComisionInput.self)
        return try await enviar(req, id, formulario: "comision", valores: ["servidorId": input.servidorId ?? "", "documento": input.documento ?? ""],
                                aviso: { _ in "Se asignó el integrante de la comisión evaluadora." }) {
            try await EvaluacionesEDLService.asignarComision(id, input, req.actor(), hoy: req.hoy, on: req.db)
        }
    }

    @Sendable static func extraordinaria(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let input = try req.content.decode(EvaluacionesEDLService.ExtraordinariaInput.self)
        return try await enviar(req, id, formulario: "extraordinaria", valores: ["orden": input.orden ?? "", "fecha": input.fecha ?? ""],
                                aviso: { _ in "Se registró la orden de evaluación extraordinaria; el evaluador fue avisado." }) {
            try await EvaluacionesEDLService.ordenarExtraordinaria(id, input, req.actor(), hoy: req.hoy, on: req.db)
        }
    }

    @Sendable static func designar(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let tramo = req.parameters.get("tramo", as: UUID.self)
        let input = try req.content.decode(TramosEDLService.DesignarInput.self)
        return try await enviar(req, id, formulario: "designar:\(tramo?.uuidString ?? "")", valores: ["documento": input.documento ?? ""],
                                aviso: { _ in "Se designó quién califica la evaluación parcial; fue avisado." }) {
            try await TramosEDLService.designarEvaluador(id, tramo: tramo, input, req.actor(), hoy: req.hoy, on: req.db)
        }
    }

    struct EvidenciaForm: Content {
        var nota: String?
        var compromisoId: String?
        var observacion: String?
        var archivo: File?
    }

    @Sendable static func evidencia(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let m = try req.content.decode(EvidenciaForm.self)
        let archivo = EvidenciasService.Archivo(m.archivo)
        let esObservacion = Campos.limpio(m.observacion) != nil
        return try await enviar(req, id, formulario: "evidencia",
                                valores: ["nota": m.nota, "compromisoId": m.compromisoId, "observacion": Campos.limpio(m.observacion)].compactMapValues { $0 },
                                aviso: { _ in esObservacion ? "Se registró la observación de seguimiento." : "Se agregó la evidencia al portafolio." }) {
            let e = try await SeguimientoEDLService.agregar(id, .init(nota: m.nota, compromisoId: m.compromisoId, observacion: m.observacion),
                                                            archivo: archivo, req.actor(), hoy: req.hoy, on: req.db)
            _ = e
            return nil
        }
    }

    @Sendable static func archivo(req: Request) async throws -> Response {
        let e = try await SeguimientoEDLService.archivo(req.parameters.get("id", as: UUID.self), req.parameters.get("evidencia", as: UUID.self),
                                                        req.actor(), on: req.db)
        return EvidenciasService.descargar(e)
    }

    @Sendable static func accionDeMejora(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let input = try req.content.decode(SeguimientoEDLService.AccionInput.self)
        let valores = ["accion": input.accion, "responsable": input.responsable, "fechaLimite": input.fechaLimite, "indicador": input.indicador,
                       "causa": input.causa].compactMapValues { $0 }
        return try await enviar(req, id, formulario: "plan", valores: valores, aviso: { _ in "Se agregó la acción al plan de mejoramiento." }) {
            _ = try await SeguimientoEDLService.agregarAccion(id, input, req.actor(), hoy: req.hoy, on: req.db)
            return nil
        }
    }

    @Sendable static func seguimientoDeMejora(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let accionID = req.parameters.get("accion", as: UUID.self)
        let input = try req.content.decode(SeguimientoEDLService.SeguimientoInput.self)
        return try await enviar(req, id, formulario: "seguimiento:\(accionID?.uuidString ?? "")",
                                valores: ["avance": input.avance ?? "", "nota": input.nota ?? ""],
                                aviso: { _ in "Se registró el seguimiento de la acción de mejora." }) {
            _ = try await SeguimientoEDLService.seguirAccion(id, accionID: accionID, input, req.actor(), hoy: req.hoy, on: req.db)
            return nil
        }
    }
}
