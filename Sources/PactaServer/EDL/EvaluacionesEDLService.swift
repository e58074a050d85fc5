import Fluent
import Foundation
import PactaCore
import Vapor

/// The EDL cycle of one evaluation: compromisos, signatures, notificación, recursos, en firme.
/// Every write runs in one transaction, checks the workflow in `PactaCore`, records an event,
/// an audit entry, and the notices of whoever must act next.
enum EvaluacionesEDLService {
    struct Contexto: Sendable {
        let periodo: PeriodoEDL
        let definicion: DefinicionEDL
        let terminos: Terminos
    }

    static func contexto(_ ev: EvaluacionEDL, on db: any Database) async throws -> Contexto {
        guard let p = try await PeriodoEDL.find(ev.$periodo.id, on: db) else { throw PactaError.noEncontrado("El período") }
        let d = try p.definicion
        let cal = try await CalendarioService.calendario(ev.$entidad.id, on: db)
        return Contexto(periodo: p, definicion: d, terminos: Terminos(definicion: d, calendario: cal))
    }

    /// An event that moves nothing (an evidencia, an action of the plan de mejoramiento).
    static func evento(_ ev: EvaluacionEDL, _ accion: String, rol: RolEDL, _ actor: Actor, detalle: String = "", hoy: Fecha,
                       on db: any Database) async throws {
        try await TransicionService.registrarEvento(.edl, evaluacionID: ev.id!, entidadID: ev.$entidad.id, accion: accion, rol: rol.rawValue,
                                                    actor: actor.nombre, desde: ev.estado.rawValue, hacia: ev.estado.rawValue,
                                                    detalle: detalle, hoy: hoy, on: db)
    }

    static func nombre(_ id: UUID?, on db: any Database) async throws -> String {
        guard let id, let s = try await Servidor.find(id, on: db) else { return "" }
        return s.nombreCompleto
    }

    // MARK: - Compromisos

    struct CompromisoInput: Content {
        var verbo: String?
        var objeto: String?
        var condicion: String?
        var evidencias: String?
        var peso: String?
        var meta: String?
    }

    struct CompromisosInput: Content {
        var compromisos: [CompromisoInput]?
        var comportamentales: [String]?
    }

    static func vigentes(_ evID: UUID, on db: any Database) async throws -> [CompromisoLaboral] {
        try await CompromisoLaboral.query(on: db).filter(\.$evaluacion.$id == evID).filter(\.$vigente == true).sort(\.$orden).all()
    }

    /// Saves the compromisos (replacing the draft) after checking them against the instrument.
    static func guardarCompromisos(_ id: UUID?, _ input: CompromisosInput, _ actor: Actor, hoy: Fecha,
                                   on db: any Database) async throws -> EvaluacionEDL {
        // Parse first: a bad field changes nothing.
        var c = Campos()
        var propuestos: [(CompromisoPropuesto, String?)] = []
        let filas = (input.compromisos ?? []).filter { f in
            [f.verbo, f.objeto, f.condicion, f.evidencias, f.peso, f.meta].contains { Campos.limpio($0) != nil }
        }
        if filas.count > 20 { c.falla("funcionales", "Máximo 20 compromisos.") }
        for (i, f) in filas.prefix(20).enumerated() {
            let n = i + 1
            let verbo = c.opcional("funcionales[\(n)].verbo", f.verbo, etiqueta: "El verbo", max: 100) ?? ""
            let objeto = c.opcional("funcionales[\(n)].objeto", f.objeto, etiqueta: "El objeto", max: 1000) ?? ""
            let condicion = c.opcional("funcionales[\(n)].condicion", f.condicion, etiqueta: "La condición de resultado", max: 1000) ?? ""
            let evidencias = c.opcional("funcionales[\(n)].evidencias", f.evidencias, etiqueta: "Las evidencias", max: 1000) ?? ""
            let meta = c.opcional("funcionales[\(n)].meta", f.meta, etiqueta: "La meta", max: 300)
            var peso = Puntaje.cero
            if let t = Campos.limpio(f.peso) {
                if let p = Puntaje(texto: t.replacingOccurrences(of: "%", with: "")) { peso = p } else {
                    c.falla("funcionales[\(n)].peso", "El peso del compromiso \(n) debe ser un número (por ejemplo 25 o 33,34).")
                }
            } else {
                c.falla("funcionales[\(n)].peso", "Escriba el peso del compromiso \(n).")
            }
            propuestos.append((CompromisoPropuesto(verbo: verbo, objeto: objeto, condicion: condicion, evidencias: evidencias, peso: peso), meta))
        }
        let comportamentales = (input.comportamentales ?? []).compactMap(Campos.limpio)
        try c.lanzarSiHayErrores()
        let propuestosFinal = propuestos

        return try await TransicionService.ejecutar(
            EvaluacionEDL.self, id: id, accion: .guardarCompromisos, actor: actor, hoy: hoy, on: db,
            evento: "Guardó \(propuestosFinal.count) compromisos laborales y \(comportamentales.count) comportamentales",
            cargar: { id, actor, db in try await EDLAcceso.obtener(id, actor, on: db) },
            paso: { ev, _, _, db in
                let ctx = try await contexto(ev, on: db)
                let errores = Concertacion.validar(funcionales: propuestosFinal.map(\.0), comportamentales: comportamentales, nivel: ev.nivel,
                                                   enPrueba: ev.enPrueba, definicion: ctx.definicion,
                                                   pesoTotal: Puntaje(centesimas: ev.pesoTotal))
                if !errores.isEmpty { throw PactaError.validacion(errores) }
                let previos = try await vigentes(ev.id!, on: db)
                for p in previos {
                    // Compromisos once signed stay on record (adjustments); drafts are replaced, and the
                    // evidencias that pointed at a draft point at nothing.
                    if ev.concertadaEl != nil { p.vigente = false; try await p.save(on: db) } else { try await p.delete(on: db) }
                }
                if ev.concertadaEl == nil, !previos.isEmpty {
                    try await Evidencia.query(on: db).filter(\.$instrumento == .edl).filter(\.$evaluacionID == ev.id!)
                        .filter(\.$referenciaID ~~ previos.compactMap(\.id)).set(\.$referenciaID, to: nil).update()
                }
                for (i, (p, meta)) in propuestosFinal.enumerated() {
                    let m = CompromisoLaboral()
                    m.$evaluacion.id = ev.id!
                    m.orden = i + 1
                    m.verbo = p.verbo
                    m.objeto = p.objeto
                    m.condicion = p.condicion
                    m.evidencias = p.evidencias
                    m.peso = p.peso.centesimas
                    m.meta = meta
                    m.vigente = true
                    try await m.create(on: db)
                }
                ev.comportamentales = comportamentales
                return ""
            })
    }

    // MARK: - Actions

    struct AccionInput: Content {
        var accion: String?
        var observacion: String?
        var testigo: String?
        var motivo: String?
        var fecha: String?
        var medio: String?
        var tipo: String?
        var fundamentos: String?
        var decision: String?
        var puntaje: String?
        /// Adjustment for an encargo in another level: the nivel jerárquico of the post now held.
        var nivel: String?
    }

    enum MedioNotificacion: String, CaseIterable {
        case personal, electronica, aviso
        var nombre: String {
            switch self {
            case .personal: "Personal"
            case .electronica: "Electrónica (correo autorizado)"
            case .aviso: "Por aviso"
            }
        }
    }

    /// Every state change that is not a rating: signatures, adjustments, comisión, notificación,
    /// recursos, en firme, closing.
    static func ejecutar(_ id: UUID?, _ input: AccionInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> EvaluacionEDL {
        var c = Campos()
        let accion: AccionEDL? = c.catalogo("accion", input.accion, etiqueta: "La acción", nombre: { $0.nombre })
        try c.lanzarSiHayErrores()
        let calificaciones: Set<AccionEDL> = [.guardarCompromisos, .calificarParcial, .calificarDefinitiva, .aplicarMinimo,
                                               .calificarExtraordinaria, .registrarSeguimiento]
        if calificaciones.contains(accion!) {
            throw PactaError.validacion(["accion": "Use el formulario correspondiente para \(accion!.nombre)."])
        }

        let accionLeida = accion!
        return try await TransicionService.ejecutar(
            EvaluacionEDL.self, id: id, accion: accionLeida, actor: actor, hoy: hoy, on: db,
            cargar: { id, actor, db in try await EDLAcceso.obtener(id, actor, on: db) },
            hechos: { ev, db in
                let ctx = try await contexto(ev, on: db)
                var conApelacion = false
                if accionLeida == .resolverReposicion {
                    var d = Campos()
                    let decision: RecursoEDL.Decision? = d.catalogo("decision", input.decision, etiqueta: "La decisión", nombre: { $0.nombre })
                    // A reposición decided in the evaluado's favour leaves nothing to appeal.
                    conApelacion = try await recursoAbierto(ev, on: db)?.tipo == .reposicionYApelacion && decision != .revoca
                }
                let parcialAbierta = accionLeida == .ajustarCompromisos
                    ? try await TramoEDL.query(on: db).filter(\.$evaluacion.$id == ev.id!).filter(\.$estado == .abierto).count() > 0 : false
                return FlujoEDL.hechos(conComision: ctx.definicion.requiereComision, conApelacionSubsidiaria: conApelacion,
                                       parcialAbierta: parcialAbierta)
            },
            paso: { ev, rol, hacia, db in try await paso(accionLeida, ev, rol: rol, hacia: hacia, input, actor, hoy: hoy, on: db) })
    }

    /// The EDL's open recurso, newest first.
    static func recursoAbierto(_ ev: EvaluacionEDL, on db: any Database) async throws -> RecursoEDL? {
        try await RecursoEDL.query(on: db).filter(\.$evaluacion.$id == ev.id!).filter(\.$resueltoEl == nil)
            .sort(\.$createdAt, .descending).first()
    }

    /// The EDL's own part of each action the runner applies; throws before anything is written when the input is wrong.
    static func paso(_ accion: AccionEDL, _ ev: EvaluacionEDL, rol: RolEDL, hacia: EstadoEDL, _ input: AccionInput, _ actor: Actor,
                 hoy: Fecha, on db: any Database) async throws -> String {
        let ctx = try await contexto(ev, on: db)
        let desde = ev.estado
        var detalle = ""
        var v = Campos()
        switch accion {
        case .enviarAFirma:
            try await exigirCompromisosValidos(ev, ctx, on: db)
            detalle = "Compromisos enviados al evaluado para su firma."
            try await avisar(ev, a: ev.$servidor.id, clave: "firma", asunto: "Firme sus compromisos laborales",
                             cuerpo: "Su evaluador envió sus compromisos del \(ctx.periodo.nombre) para su firma. Vence el \(Fecha(iso: ev.venceConcertacion)!.texto).",
                             on: db)
        case .firmar:
            try await exigirCompromisosValidos(ev, ctx, on: db)
            ev.modoFijacion = .concertados
            ev.concertadaEl = hoy.iso
            detalle = "Compromisos concertados: firmados por el evaluado y el evaluador."
        case .devolver:
            let obs = v.texto("observacion", input.observacion, etiqueta: "La observación", max: 2000)
            try v.lanzarSiHayErrores()
            detalle = "Devueltos sin firmar: \(obs)"
            let otro = rol == .evaluado ? ev.$evaluador.id : ev.$servidor.id
            try await avisar(ev, a: otro, clave: "devuelto|\(hoy.iso)", asunto: "Compromisos devueltos",
                             cuerpo: "Los compromisos del \(ctx.periodo.nombre) fueron devueltos: \(obs)", on: db)
        case .fijarConTestigo:
            let testigo = v.texto("testigo", input.testigo, etiqueta: "El nombre del testigo", max: 200)
            let obs = v.texto("observacion", input.observacion, etiqueta: "La constancia de la negativa a firmar", max: 2000)
            try v.lanzarSiHayErrores()
            try await exigirCompromisosValidos(ev, ctx, on: db)
            ev.modoFijacion = .fijadosConTestigo
            ev.testigo = testigo
            ev.concertadaEl = hoy.iso
            detalle = "El evaluado no firmó. Constancia: \(obs). Testigo: \(testigo)."
        case .fijarSinAcuerdo:
            let obs = v.texto("observacion", input.observacion, etiqueta: "La constancia del desacuerdo", max: 2000)
            try v.lanzarSiHayErrores()
            try await exigirCompromisosValidos(ev, ctx, on: db)
            ev.modoFijacion = .fijadosPorEvaluador
            ev.concertadaEl = hoy.iso
            detalle = "Sin acuerdo: fijados por el evaluador. \(obs)"
        case .ajustarCompromisos:
            let motivo: MotivoAjuste? = v.catalogo("motivo", input.motivo, etiqueta: "El motivo del ajuste", nombre: { $0.nombre })
            let obs = v.opcional("observacion", input.observacion, etiqueta: "La observación", max: 2000)
            // An encargo in another level changes the competencias that apply: the new compromisos
            // are concerted for the nivel of the post held en encargo.
            let nivel: NivelJerarquico? = v.catalogo("nivel", input.nivel, etiqueta: "El nivel jerárquico del empleo en encargo",
                                                     nombre: { $0.nombre }, obligatorio: motivo == .encargoOtroNivel)
            if let nivel, motivo == .encargoOtroNivel, nivel == ev.nivel {
                v.falla("nivel", "El encargo es en otro nivel: elija un nivel distinto de \(ev.nivel.nombre.lowercased()).")
            }
            try v.lanzarSiHayErrores()
            if motivo == .encargoOtroNivel, let nivel {
                ev.nivel = nivel
                ev.comportamentales = []
            }
            if motivo!.cubreSoloLoFaltante {
                let tramos = try await TramosEDLService.tramos(ev.id!, on: db)
                let inicio = TramosEDLService.inicioPendiente(ev, tramos)
                let restantes = max(0, inicio.dias(hasta: ev.cubre.fin) + 1)
                ev.pesoTotal = max(1, Puntaje.redondear(restantes * 10_000, ev.cubre.dias))
            } else {
                ev.pesoTotal = 10_000
            }
            // The new compromisos are concerted within the instrument's término, counted from the adjustment.
            ev.venceConcertacion = ctx.terminos.concertacion(inicioPeriodo: hoy, posesion: nil).iso
            detalle = "Ajuste de compromisos: \(motivo!.nombre). Los nuevos compromisos suman \(Puntaje(centesimas: ev.pesoTotal).texto) % y deben concertarse a más tardar el \(Fecha(iso: ev.venceConcertacion)!.texto). \(obs ?? "")"
        case .aprobarComision:
            detalle = "La comisión evaluadora aprobó la calificación."
        case .devolverComision:
            let obs = v.texto("observacion", input.observacion, etiqueta: "La observación", max: 2000)
            try v.lanzarSiHayErrores()
            try await TramosEDLService.deshacerDefinitiva(ev, on: db)
            detalle = "La comisión devolvió la calificación: \(obs)"
        case .notificar:
            let fecha = v.fecha("fecha", input.fecha, etiqueta: "La fecha de notificación", obligatorio: false) ?? hoy
            let medio: MedioNotificacion? = v.catalogo("medio", input.medio, etiqueta: "El medio de notificación", nombre: { $0.nombre })
            if let cal = ev.calificadaEl.flatMap(Fecha.init(iso:)), fecha < cal {
                v.falla("fecha", "La notificación no puede ser anterior a la calificación (\(cal.texto)).")
            }
            if fecha > hoy { v.falla("fecha", "La fecha de notificación no puede ser futura.") }
            try v.lanzarSiHayErrores()
            ev.notificadaEl = fecha.iso
            ev.medioNotificacion = medio!.rawValue
            let vence = ctx.terminos.recursos(notificada: fecha)
            detalle = "Notificada el \(fecha.texto) (\(medio!.nombre.lowercased())). Recursos hasta el \(vence.texto)."
            try await avisar(ev, a: ev.$servidor.id, clave: "notificada", asunto: "Calificación notificada",
                             cuerpo: "Su calificación del \(ctx.periodo.nombre) es \(ev.puntajeValor?.texto ?? "") (\(ev.nivelNombre ?? "")). Puede interponer reposición o apelación hasta el \(vence.texto).",
                             on: db)
        case .interponerReposicion, .interponerApelacion:
            let fundamentos = v.texto("fundamentos", input.fundamentos, etiqueta: "Los fundamentos del recurso", max: 5000)
            var tipo: RecursoEDL.Tipo = accion == .interponerApelacion ? .apelacion : .reposicion
            if accion == .interponerReposicion, let t = Campos.limpio(input.tipo) {
                guard let tt = RecursoEDL.Tipo(rawValue: t), tt != .apelacion else {
                    throw PactaError.validacion(["tipo": "El tipo de recurso debe ser «reposicion» o «reposicion_y_apelacion»."])
                }
                tipo = tt
            }
            guard let notificada = ev.notificadaEl.flatMap(Fecha.init(iso:)) else { throw PactaError.conflicto("La evaluación no ha sido notificada.") }
            // The evaluado files it today; Talento Humano records one filed in writing, on the day it was filed.
            var presentado = hoy
            if rol == .talentoHumano {
                presentado = v.fecha("fecha", input.fecha, etiqueta: "La fecha en que el evaluado presentó el recurso", obligatorio: true) ?? hoy
                if presentado > hoy { v.falla("fecha", "La fecha de presentación no puede ser futura.") }
                if presentado < notificada { v.falla("fecha", "El recurso no puede ser anterior a la notificación (\(notificada.texto)).") }
            }
            try v.lanzarSiHayErrores()
            do throws(ErrorFlujoEDL) { try ctx.terminos.verificarRecurso(accion, notificada: notificada, hoy: presentado) } catch { throw PactaError(error) }
            let r = RecursoEDL()
            r.$evaluacion.id = ev.id!
            r.tipo = tipo
            r.instancia = accion == .interponerApelacion ? "apelacion" : "reposicion"
            r.interpuestoEl = presentado.iso
            r.fundamentos = fundamentos
            r.puntajeAnterior = ev.puntaje
            try await r.create(on: db)
            detalle = "Recurso de \(tipo.nombre.lowercased()) interpuesto"
                + (rol == .talentoHumano ? " por escrito el \(presentado.texto) (registrado por Talento Humano)" : "")
                + ". Debe resolverse antes del \(ctx.terminos.resolucion(interpuesto: presentado).texto)."
            let quien = accion == .interponerApelacion ? try await superior(ev, on: db) : ev.$evaluador.id
            try await avisar(ev, a: quien, clave: "recurso|\(r.instancia)", asunto: "Recurso de \(r.instancia) por resolver",
                             cuerpo: "Se interpuso recurso de \(tipo.nombre.lowercased()) contra la calificación del \(ctx.periodo.nombre). Plazo: \(ctx.terminos.resolucion(interpuesto: presentado).texto).",
                             on: db)
        case .resolverReposicion, .resolverApelacion:
            let decision: RecursoEDL.Decision? = v.catalogo("decision", input.decision, etiqueta: "La decisión", nombre: { $0.nombre })
            let resolucion = v.texto("observacion", input.observacion, etiqueta: "La motivación de la decisión", max: 5000)
            var nuevo: Puntaje?
            if let decision, decision != .confirma {
                var leido: Puntaje?
                if let t = Campos.limpio(input.puntaje) {
                    if let p = Puntaje(texto: t) { leido = p } else { v.falla("puntaje", "El nuevo puntaje debe ser un número (por ejemplo 72 o 72,50).") }
                }
                if v.errores["puntaje"] == nil {
                    switch DecisionDeRecursos.resultado(decision, anterior: Puntaje(centesimas: ev.puntaje ?? 0), nuevo: leido) {
                    case .success(let p): nuevo = p
                    case .failure(let e): v.falla("puntaje", e.mensaje)
                    }
                }
            }
            try v.lanzarSiHayErrores()
            guard let r = try await recursoAbierto(ev, on: db) else { throw PactaError.conflicto("No hay un recurso por resolver.") }
            r.resueltoEl = hoy.iso
            r.decision = decision
            r.resolucion = resolucion
            r.$resueltoPor.id = actor.usuarioID
            if let nuevo {
                r.puntajeNuevo = nuevo.centesimas
                TramosEDLService.asignarPuntaje(ev, nuevo, ctx.definicion)
            }
            try await r.save(on: db)
            detalle = "\(accion == .resolverReposicion ? "Reposición" : "Apelación") resuelta: \(decision!.nombre.lowercased())"
                + (nuevo.map { ". Nuevo puntaje: \($0.texto) (\(ev.nivelNombre ?? ""))" } ?? "") + "."
            if hacia == .enApelacion {
                let ap = RecursoEDL()
                ap.$evaluacion.id = ev.id!
                ap.tipo = .reposicionYApelacion
                ap.instancia = "apelacion"
                ap.interpuestoEl = hoy.iso
                ap.fundamentos = r.fundamentos
                ap.puntajeAnterior = ev.puntaje
                try await ap.create(on: db)
                detalle += " Pasa en apelación al superior del evaluador."
                try await avisar(ev, a: try await superior(ev, on: db), clave: "recurso|apelacion", asunto: "Recurso de apelación por resolver",
                                 cuerpo: "Se concedió la apelación subsidiaria contra la calificación del \(ctx.periodo.nombre).", on: db)
            }
        case .renunciarARecursos:
            detalle = "El evaluado renunció a interponer recursos."
        case .declararEnFirme:
            guard let notificada = ev.notificadaEl.flatMap(Fecha.init(iso:)) else { throw PactaError.conflicto("La evaluación no ha sido notificada.") }
            do throws(ErrorFlujoEDL) { try ctx.terminos.verificarEnFirme(notificada: notificada, hoy: hoy) } catch { throw PactaError(error) }
            detalle = "Vencido el término sin recursos: queda en firme."
        case .cerrar:
            let obs = v.texto("observacion", input.observacion, etiqueta: "El motivo del cierre", max: 2000)
            try v.lanzarSiHayErrores()
            detalle = "Cerrada sin calificación: \(obs)"
        default:
            break
        }
        ev.estado = hacia
        if hacia == .enFirme {
            ev.enFirmeEl = hoy.iso
            try await alQuedarEnFirme(ev, ctx, on: db)
        }
        if hacia == .calificada && desde == .porAprobarComision {
            try await avisarNotificacion(ev, ctx, on: db)
        }
        return detalle
    }

    static func exigirCompromisosValidos(_ ev: EvaluacionEDL, _ ctx: Contexto, on db: any Database) async throws {
        let v = try await vigentes(ev.id!, on: db)
        let errores = Concertacion.validar(funcionales: v.map(\.propuesto), comportamentales: ev.comportamentales, nivel: ev.nivel,
                                           enPrueba: ev.enPrueba, definicion: ctx.definicion, pesoTotal: Puntaje(centesimas: ev.pesoTotal))
        if !errores.isEmpty {
            throw PactaError.validacion(errores, mensaje: "Los compromisos guardados no cumplen las reglas del instrumento: corríjalos primero.")
        }
    }

    /// The evaluador's jefe: who resolves the apelación.
    static func superior(_ ev: EvaluacionEDL, on db: any Database) async throws -> UUID? {
        guard let e = ev.$evaluador.id else { return nil }
        return try await Servidor.find(e, on: db)?.$jefe.id
    }

    static func avisar(_ ev: EvaluacionEDL, a servidor: UUID?, clave: String, asunto: String, cuerpo: String, on db: any Database) async throws {
        guard let servidor else { return }
        try await AvisosService.encolar(on: db, entidadID: ev.$entidad.id, servidorID: servidor,
                                        clave: "edl|\(ev.id!.uuidString)|\(ev.version)|\(clave)|\(servidor.uuidString)",
                                        asunto: asunto, cuerpo: cuerpo, enlace: "/edl/evaluaciones/\(ev.id!.uuidString)")
    }

    static func avisarNotificacion(_ ev: EvaluacionEDL, _ ctx: Contexto, on db: any Database) async throws {
        let nombre = try await nombre(ev.$servidor.id, on: db)
        try await AvisosService.encolarATalentoHumano(
            on: db, entidadID: ev.$entidad.id, clave: "edl|\(ev.id!.uuidString)|notificar|\(ev.version)",
            asunto: "Calificación por notificar: \(nombre)",
            cuerpo: "La calificación de \(nombre) (\(ctx.periodo.nombre)) está lista para notificar.",
            enlace: "/edl/evaluaciones/\(ev.id!.uuidString)")
    }

    /// A No satisfactoria en firme goes to Talento Humano's list for the declaratoria de insubsistencia.
    static func alQuedarEnFirme(_ ev: EvaluacionEDL, _ ctx: Contexto, on db: any Database) async throws {
        try await avisar(ev, a: ev.$servidor.id, clave: "en_firme", asunto: "Su evaluación quedó en firme",
                         cuerpo: "Su evaluación del \(ctx.periodo.nombre) quedó en firme: \(ev.puntajeValor?.texto ?? "") (\(ev.nivelNombre ?? "")).",
                         on: db)
        let servidor = try await Servidor.find(ev.$servidor.id, on: db)
        let nombre = servidor?.nombreCompleto ?? ""
        if ev.enPrueba && ev.satisfactoria == true {
            // What follows a satisfactory período de prueba is Talento Humano's to process too.
            try await AvisosService.encolarATalentoHumano(
                on: db, entidadID: ev.$entidad.id, clave: "edl|\(ev.id!.uuidString)|prueba_satisfactoria",
                asunto: "Período de prueba satisfactorio en firme: \(nombre)",
                cuerpo: "\(nombre): \(PeriodoDePrueba.consecuencia(satisfactoria: true, veniaDeCarrera: servidor?.derechosDeCarrera == true))",
                enlace: "/edl/insubsistencia")
        }
        guard ev.satisfactoria == false else { return }
        let que = ev.enPrueba ? PeriodoDePrueba.consecuencia(satisfactoria: false, veniaDeCarrera: servidor?.derechosDeCarrera == true)
            : "Proyectar la declaratoria de insubsistencia (Ley 909 de 2004, art. 43)."
        try await AvisosService.encolarATalentoHumano(
            on: db, entidadID: ev.$entidad.id, clave: "edl|\(ev.id!.uuidString)|insubsistencia",
            asunto: "No satisfactoria en firme: \(nombre)", cuerpo: "\(nombre): calificación No satisfactoria en firme. \(que)",
            enlace: "/edl/insubsistencia")
    }

    // MARK: - Comisión evaluadora and extraordinaria

    struct ComisionInput: Content {
        var servidorId: String?
        /// The member's documento, as the pages ask for it when the entity has too many LNR servants for a list.
        var documento: String?
    }

    /// The comisión member the input names (by id or by documento), or the Spanish reason why not.
    static func integrante(_ input: ComisionInput, _ actor: Actor, on db: any Database) async throws -> UUID {
        try await ServidoresService.porIdODocumento(id: input.servidorId, documento: input.documento, campo: "servidorId",
                                                    etiqueta: "El integrante de la comisión",
                                                    faltante: "Elija el integrante de la comisión evaluadora.", actor, on: db)
    }

    /// Talento Humano assigns the comisión member (an LNR servant). Changing a member during
    /// seguimiento opens a parcial for the stretch so far.
    static func asignarComision(_ id: UUID?, _ input: ComisionInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> EvaluacionEDL {
        try actor.exigir(.gestionarEvaluaciones)
        let sid: UUID? = try await integrante(input, actor, on: db)
        return try await db.escribir { db in
            let (ev, _) = try await EDLAcceso.obtener(id, actor, bloquear: true, on: db)
            let ctx = try await contexto(ev, on: db)
            guard ctx.definicion.requiereComision else {
                throw PactaError.conflicto("El instrumento de este período no usa comisión evaluadora.")
            }
            guard [.porConcertar, .porFirmar, .enSeguimiento, .porAprobarComision].contains(ev.estado) else {
                throw PactaError.conflicto("La comisión no se puede cambiar: la evaluación está «\(ev.estado.nombre)».")
            }
            try await validarComision(sid!, ev, actor, on: db)
            let antes = ResumenEDL(ev)
            let anterior = ev.$comision.id
            if let anterior, anterior != sid, ev.estado == .enSeguimiento {
                _ = try await TramosEDLService.abrirParcial(ev, motivo: .cambioDeComision, fecha: hoy, situacion: nil, ctx: ctx, on: db)
            }
            ev.$comision.id = sid
            try await TransicionService.completar(ev, antes: antes, desde: ev.estado, rol: .talentoHumano, accion: "asignar_comision",
                                                  evento: "Asignó la comisión evaluadora", detalle: "Integrante: \(try await nombre(sid, on: db))",
                                                  actor: actor, hoy: hoy, on: db)
            return ev
        }
    }

    static func validarComision(_ sid: UUID, _ ev: EvaluacionEDL, _ actor: Actor, on db: any Database) async throws {
        guard let s = try await Servidor.query(on: db).filter(\.$id == sid).filter(\.$entidad.$id == actor.entidadID).first(), s.activo else {
            throw PactaError.validacion(["servidorId": "El integrante no existe en la entidad o está retirado."])
        }
        guard s.id != ev.$servidor.id, s.id != ev.$evaluador.id else {
            throw PactaError.validacion(["servidorId": "El integrante de la comisión no puede ser el evaluado ni el evaluador."])
        }
        guard s.tipoVinculacion == .libreNombramiento || s.tipoVinculacion == .gerentePublico else {
            throw PactaError.validacion(["servidorId": "El integrante de la comisión debe ser un servidor de libre nombramiento y remoción."])
        }
    }

    /// Assigns the same comisión member to every evaluation of the period that has none.
    static func asignarComisionPeriodo(_ periodoID: UUID?, _ input: ComisionInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> Int {
        try actor.exigir(.gestionarEvaluaciones)
        let sid: UUID? = try await integrante(input, actor, on: db)
        return try await db.escribir { db in
            let p = try await PeriodosEDLService.obtener(periodoID, actor, on: db)
            guard try p.definicion.requiereComision else { throw PactaError.conflicto("El instrumento de este período no usa comisión evaluadora.") }
            guard let s = try await Servidor.query(on: db).filter(\.$id == sid!).filter(\.$entidad.$id == actor.entidadID).first(), s.activo,
                  s.tipoVinculacion == .libreNombramiento || s.tipoVinculacion == .gerentePublico else {
                throw PactaError.validacion(["servidorId": "El integrante debe ser un servidor activo de libre nombramiento y remoción de la entidad."])
            }
            // Only where the per-evaluation assignment would be allowed: before the rating is approved.
            let estados: [EstadoEDL] = [.porConcertar, .porFirmar, .enSeguimiento, .porAprobarComision]
            func sinComision() -> QueryBuilder<EvaluacionEDL> {
                EvaluacionEDL.query(on: db).filter(\.$periodo.$id == p.id!).filter(\.$comision.$id == nil).filter(\.$estado ~~ estados)
                    .filter(\.$servidor.$id != sid!).group(.or) { $0.filter(\.$evaluador.$id != sid!).filter(\.$evaluador.$id == nil) }
            }
            let filas = try await sinComision().field(\.$id).field(\.$estado).all()
            let ids = filas.compactMap(\.id)
            for lote in stride(from: 0, to: filas.count, by: 500) {
                let parte = Array(filas[lote..<min(lote + 500, filas.count)])
                try await EvaluacionEDL.query(on: db).filter(\.$id ~~ parte.compactMap(\.id)).set(\.$comision.$id, to: sid).update()
                let eventos = parte.map { ev -> EventoEvaluacion in
                    let e = EventoEvaluacion()
                    e.instrumento = .edl
                    e.evaluacionID = ev.id!
                    e.$entidad.id = p.$entidad.id
                    e.fecha = hoy.iso
                    e.accion = "Asignó la comisión evaluadora"
                    e.rol = RolEDL.talentoHumano.rawValue
                    e.actorNombre = actor.nombre
                    e.estadoDesde = ev.estado.rawValue
                    e.estadoHacia = ev.estado.rawValue
                    e.detalle = "Integrante: \(s.nombreCompleto) (asignado a todo el período)."
                    return e
                }
                try await eventos.create(on: db)
            }
            let n = ids.count
            try await AuditLog.registrar(on: db, actor: actor, accion: "asignar comisión", tipo: "periodo_edl", id: p.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: ["comision": s.nombreCompleto, "evaluaciones": "\(n)"])
            return n
        }
    }

    struct ExtraordinariaInput: Content {
        var orden: String?
        var fecha: String?
    }

    /// Records the written order of the head of the entity for an evaluación extraordinaria.
    static func ordenarExtraordinaria(_ id: UUID?, _ input: ExtraordinariaInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> EvaluacionEDL {
        try actor.exigir(.gestionarEvaluaciones)
        var c = Campos()
        let orden = c.texto("orden", input.orden, etiqueta: "La orden escrita del jefe de la entidad (número y motivo)", max: 2000)
        let fecha = c.fecha("fecha", input.fecha, etiqueta: "La fecha de la orden", obligatorio: false) ?? hoy
        if fecha > hoy { c.falla("fecha", "La fecha de la orden no puede ser futura.") }
        try c.lanzarSiHayErrores()
        return try await db.escribir { db in
            let (ev, _) = try await EDLAcceso.obtener(id, actor, bloquear: true, on: db)
            guard ev.estado == .enSeguimiento else {
                throw PactaError.conflicto("Solo se ordena una evaluación extraordinaria durante el seguimiento; está «\(ev.estado.nombre)».")
            }
            let ctx = try await contexto(ev, on: db)
            let ultima = try await TramosEDLService.ultimaDefinitiva(ev, on: db)
            do throws(ErrorFlujoEDL) { try ctx.terminos.verificarExtraordinaria(ultimaDefinitiva: ultima, inicioPeriodo: ev.cubre.inicio, hoy: fecha) } catch { throw PactaError(error) }
            let antes = ResumenEDL(ev)
            ev.ordenExtraordinaria = orden
            ev.extraordinariaOrdenadaEl = fecha.iso
            try await TransicionService.completar(ev, antes: antes, desde: ev.estado, rol: .talentoHumano, accion: "ordenar_extraordinaria",
                                                  evento: "Registró la orden de evaluación extraordinaria", detalle: orden,
                                                  actor: actor, hoy: hoy, on: db)
            try await avisar(ev, a: ev.$evaluador.id, clave: "extraordinaria", asunto: "Evaluación extraordinaria ordenada",
                             cuerpo: "El jefe de la entidad ordenó la evaluación extraordinaria de \(try await nombre(ev.$servidor.id, on: db)).", on: db)
            return ev
        }
    }
}

/// What the audit records of an evaluation (no personal data beyond ids and scores).
struct ResumenEDL: Codable, Sendable {
    let estado: String
    let evaluador: String?
    let comision: String?
    let puntaje: String?
    let nivel: String?
    let modoFijacion: String?
    let notificadaEl: String?
    let enFirmeEl: String?
    let pesoTotal: Int

    init(_ e: EvaluacionEDL) {
        estado = e.estado.rawValue
        evaluador = e.$evaluador.id?.uuidString
        comision = e.$comision.id?.uuidString
        puntaje = e.puntajeValor?.texto
        nivel = e.nivelNombre
        modoFijacion = e.modoFijacion?.rawValue
        notificadaEl = e.notificadaEl
        enFirmeEl = e.enFirmeEl
        pesoTotal = e.pesoTotal
    }
}
