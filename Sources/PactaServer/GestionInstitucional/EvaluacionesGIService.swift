import Fluent
import Foundation
import PactaCore
import Vapor

/// Seed 001's activities 4–15 on one evaluation: every action goes through the shared transition
/// runner; this file holds only what is the Gestión Institucional's own — reading its forms and
/// applying each step.
enum EvaluacionesGIService {
    struct ContextoGI: Sendable {
        let vigencia: VigenciaGI
        let definicion: DefinicionGI
        let terminos: TerminosGI
    }

    static func contexto(_ ev: EvaluacionGI, on db: any Database) async throws -> ContextoGI {
        guard let v = try await VigenciaGI.find(ev.$vigencia.id, on: db) else { throw PactaError.noEncontrado("La vigencia") }
        let d = try v.definicion
        let cal = try await CalendarioService.calendario(ev.$entidad.id, on: db)
        return ContextoGI(vigencia: v, definicion: d, terminos: TerminosGI(definicion: d, calendario: cal, plan: v.plan))
    }

    struct MetaGIInput: Content {
        var id: String?
        var descripcion: String?
        var producto: String?
        var evidencias: String?
        var peso: String?
        var pactado1: String?
        var pactado2: String?
        var metaDependencia: String?
        var logrado: String?
    }

    struct AccionGIInput: Content {
        var accion: String?
        /// Why a rejection, a non-acceptance or a closing.
        var motivo: String?
        /// The metas (formulation, or the jefe's modification of them or of a self-assessment).
        var metas: [MetaGIInput]?
        /// codigo de competencia → puntaje (0–100).
        var competencias: [String: String]?
    }

    /// Reads the metas of a form against the current ones: new metas get an id; in a self-assessment
    /// only the percentage achieved of `seguimiento` is taken.
    static func leerMetas(_ input: [MetaGIInput], actuales: [MetaGI], seguimiento: Int?, campos c: inout Campos) -> [MetaGI] {
        let porID = Dictionary(actuales.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var r: [MetaGI] = []
        func pct(_ campo: String, _ s: String?, _ etiqueta: String, obligatorio: Bool) -> Puntaje? {
            guard let t = Campos.limpio(s) else {
                if obligatorio { c.falla(campo, Campos.obligatorio(etiqueta)) }
                return nil
            }
            guard let p = Puntaje(texto: t.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)) else {
                c.falla(campo, "\(etiqueta): «\(t)» no es un porcentaje válido.")
                return nil
            }
            return p
        }
        for (i, m) in input.enumerated() {
            let n = i + 1
            if let s = seguimiento {
                guard let id = m.id, var meta = porID[id] else { continue }
                let l = pct("metas[\(n)].logrado", m.logrado, "El porcentaje logrado de la meta \(n)", obligatorio: false)
                if s == 1 { meta.logrado1 = l } else { meta.logrado2 = l }
                r.append(meta)
                continue
            }
            let vacia = [m.descripcion, m.producto, m.evidencias, m.peso, m.pactado1, m.pactado2].allSatisfy { Campos.limpio($0) == nil }
            if vacia { continue }   // an empty row of the form
            let previa = m.id.flatMap { porID[$0] }
            r.append(MetaGI(
                id: previa?.id ?? UUID().uuidString.lowercased(),
                descripcion: c.opcional("metas[\(n)].descripcion", m.descripcion, etiqueta: "La meta", max: 1000) ?? "",
                producto: c.opcional("metas[\(n)].producto", m.producto, etiqueta: "El producto", max: 1000) ?? "",
                evidencias: c.opcional("metas[\(n)].evidencias", m.evidencias, etiqueta: "Las evidencias", max: 1000) ?? "",
                peso: pct("metas[\(n)].peso", m.peso, "El peso de la meta \(n)", obligatorio: true) ?? .cero,
                pactado1: pct("metas[\(n)].pactado1", m.pactado1, "Lo pactado para el primer seguimiento de la meta \(n)", obligatorio: true) ?? .cero,
                pactado2: pct("metas[\(n)].pactado2", m.pactado2, "Lo pactado para el segundo seguimiento de la meta \(n)", obligatorio: true) ?? .cero,
                metaDependencia: c.opcional("metas[\(n)].metaDependencia", m.metaDependencia, etiqueta: "La meta de la dependencia", max: 500),
                logrado1: previa?.logrado1, logrado2: previa?.logrado2))
        }
        return r
    }

    static func avisar(_ ev: EvaluacionGI, a servidor: UUID?, clave: String, asunto: String, cuerpo: String, on db: any Database) async throws {
        guard let servidor else { return }
        try await AvisosService.encolar(on: db, entidadID: ev.$entidad.id, servidorID: servidor,
                                        clave: "gi:\(ev.id!):\(ev.version):\(clave)", asunto: asunto, cuerpo: cuerpo,
                                        enlace: "/gestion/evaluaciones/\(ev.id!)")
    }

    /// Every action of the workflow, from the page or the API.
    static func ejecutar(_ id: UUID?, _ input: AccionGIInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> EvaluacionGI {
        var c = Campos()
        let accion: AccionGI? = c.catalogo("accion", input.accion, etiqueta: "La acción", nombre: { $0.nombre })
        let motivo = accion?.requiereMotivo == true || accion == .cerrar
            ? c.texto("motivo", input.motivo, etiqueta: "El motivo", max: 2000) : c.opcional("motivo", input.motivo, etiqueta: "El motivo", max: 2000)
        try c.lanzarSiHayErrores()
        let accionLeida = accion!
        return try await TransicionService.ejecutar(
            EvaluacionGI.self, id: id, accion: accionLeida, actor: actor, hoy: hoy, on: db,
            cargar: { id, actor, db in try await GestionAcceso.obtener(id, actor, on: db) },
            paso: { ev, rol, hacia, db in
                try await aplicar(accionLeida, ev, rol: rol, hacia: hacia, input: input, motivo: motivo, actor: actor, hoy: hoy, on: db)
            })
    }

    /// The Gestión Institucional's own part of each step; throws before anything is written when the input is wrong.
    static func aplicar(_ accion: AccionGI, _ ev: EvaluacionGI, rol: RolGI, hacia: EstadoGI, input: AccionGIInput, motivo: String?,
                        actor: Actor, hoy: Fecha, on db: any Database) async throws -> String {
        let ctx = try await contexto(ev, on: db)
        var c = Campos()
        let seguimiento = ev.estado.seguimiento
        if hacia != ev.estado { ev.etapaDesde = hoy.iso }
        switch accion {
        case .guardarMetas, .enviarMetas:
            let metas = leerMetas(input.metas ?? [], actuales: ev.metas, seguimiento: nil, campos: &c)
            try c.lanzarSiHayErrores()
            if accion == .enviarMetas {
                let e = MetasGI.validar(metas, componente: ctx.definicion.metas)
                if !e.isEmpty { throw PactaError.validacion(e) }
            }
            ev.metas = metas
            guard accion == .enviarMetas else { return "Metas guardadas (\(metas.count))." }
            ev.enviadaEl = hoy.iso
            ev.motivo = nil
            try await avisar(ev, a: ev.$jefe.id, clave: "revisar_metas", asunto: "Apruebe las metas y objetivos de un colaborador",
                             cuerpo: "Un colaborador le envió sus metas y objetivos de la \(ctx.vigencia.nombre.lowercased()) para su aprobación.", on: db)
            return "Metas enviadas al jefe inmediato para su aprobación."
        case .guardarAutoevaluacion, .enviarAutoevaluacion:
            let s = seguimiento ?? 1
            let metas = leerMetas(input.metas ?? [], actuales: ev.metas, seguimiento: s, campos: &c)
            try c.lanzarSiHayErrores()
            var nuevas = ev.metas
            for m in metas { if let i = nuevas.firstIndex(where: { $0.id == m.id }) { nuevas[i] = m } }
            if accion == .enviarAutoevaluacion {
                do throws(ErrorFlujoGI) { try ctx.terminos.verificarAutoevaluacion(seguimiento: s, hoy: hoy) } catch { throw PactaError(error) }
                let e = MetasGI.validarAutoevaluacion(nuevas, seguimiento: s)
                if !e.isEmpty { throw PactaError.validacion(e) }
            }
            ev.metas = nuevas
            guard accion == .enviarAutoevaluacion else { return "Autoevaluación guardada." }
            ev.enviadaEl = hoy.iso
            ev.motivo = nil
            try await avisar(ev, a: ev.$jefe.id, clave: "revisar_\(s)", asunto: "Apruebe la autoevaluación de un colaborador",
                             cuerpo: "Un colaborador le envió la autoevaluación del \(s == 1 ? "primer" : "segundo") seguimiento.", on: db)
            let r = CalificacionGI.seguimiento(nuevas, s)
            return "Autoevaluación del \(s == 1 ? "primer" : "segundo") seguimiento enviada\(r.map { ": \($0.texto) %" } ?? "")."
        case .aprobar:
            ev.revisadaEl = hoy.iso
            ev.modificada = false
            ev.metasPrevias = nil
            try await avisar(ev, a: ev.$servidor.id, clave: "aceptar", asunto: "Su jefe aprobó: acepte o no",
                             cuerpo: "Su jefe inmediato aprobó \(ev.estado == .revisionMetas ? "sus metas y objetivos" : "su autoevaluación"). Revise y acepte o no.", on: db)
            return ev.estado == .revisionMetas ? "Metas aprobadas por el jefe inmediato." : "Autoevaluación aprobada por el jefe inmediato."
        case .modificar:
            let enMetas = ev.estado == .revisionMetas
            let metas = leerMetas(input.metas ?? [], actuales: ev.metas, seguimiento: enMetas ? nil : seguimiento, campos: &c)
            try c.lanzarSiHayErrores()
            var nuevas = metas
            if !enMetas {
                nuevas = ev.metas
                for m in metas { if let i = nuevas.firstIndex(where: { $0.id == m.id }) { nuevas[i] = m } }
            }
            let e = enMetas ? MetasGI.validar(nuevas, componente: ctx.definicion.metas)
                            : MetasGI.validarAutoevaluacion(nuevas, seguimiento: seguimiento ?? 1)
            if !e.isEmpty { throw PactaError.validacion(e) }
            let sinCambios = MetasGI.validarModificacion(antes: ev.metas, despues: nuevas)
            if !sinCambios.isEmpty { throw PactaError.validacion(sinCambios) }
            let cambios = MetasGI.diferencias(antes: ev.metas, despues: nuevas)
            ev.metasPrevias = ev.metas
            ev.metas = nuevas
            ev.modificada = true
            ev.revisadaEl = hoy.iso
            try await avisar(ev, a: ev.$servidor.id, clave: "modificada", asunto: "Su jefe modificó: revise los cambios y acepte o no",
                             cuerpo: "Su jefe inmediato hizo \(cambios.count) \(cambios.count == 1 ? "cambio" : "cambios"). En Pacta verá cada uno (antes → después) antes de aceptar.",
                             on: db)
            return "Modificado por el jefe inmediato: " + cambios.prefix(5).map { "\($0.campo) de «\($0.meta)»: \($0.antes) → \($0.despues)" }
                .joined(separator: "; ") + (cambios.count > 5 ? "; y \(cambios.count - 5) más." : ".")
        case .rechazar:
            ev.motivo = motivo
            ev.revisadaEl = hoy.iso
            try await avisar(ev, a: ev.$servidor.id, clave: "rechazada", asunto: "Su jefe devolvió para ajustes",
                             cuerpo: "Su jefe inmediato rechazó y devolvió: \(motivo ?? "")", on: db)
            return "Rechazado y devuelto: \(motivo ?? "")"
        case .aceptar:
            ev.motivo = nil
            ev.metasPrevias = nil
            ev.modificada = nil
            switch ev.estado {
            case .aceptacionMetas:
                return "Metas y objetivos aceptados por el evaluado."
            case .aceptacion1:
                ev.seguimiento1 = CalificacionGI.seguimiento(ev.metas, 1)?.centesimas
                return "Primer seguimiento aceptado\(ev.seguimiento1.map { ": \(Puntaje(centesimas: $0).texto) %" } ?? "")."
            default:
                let r = CalificacionGI.resultado(metas: ev.metas, comportamentales: ev.competencias.compactMap(\.puntaje), definicion: ctx.definicion)
                ev.seguimiento2 = CalificacionGI.seguimiento(ev.metas, 2)?.centesimas
                ev.resultado = r?.centesimas
                ev.nivelEscala = r.map { ctx.definicion.base.escala.nivel(para: $0).nombre }
                ev.finalizadaEl = hoy.iso
                return "Resultado aceptado: \(r?.texto ?? "—") (\(ev.nivelEscala ?? "—")). Fin del proceso."
            }
        case .noAceptar:
            ev.motivo = motivo
            try await avisar(ev, a: ev.$jefe.id, clave: "no_aceptada", asunto: "Un colaborador no aceptó",
                             cuerpo: "Su colaborador no aceptó y el proceso vuelve a su paso anterior: \(motivo ?? "")", on: db)
            return "No aceptado por el evaluado: \(motivo ?? "")"
        case .calificarComportamentales:
            let disponibles = Dictionary(CatalogoCompetencias.disponibles(para: ev.nivel).map { ($0.codigo, $0) }, uniquingKeysWith: { a, _ in a })
            var competencias: [EvaluacionGI.Competencia] = []
            for (codigo, valor) in (input.competencias ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let t = Campos.limpio(valor) else { continue }
                guard let comp = disponibles[codigo] else {
                    c.falla("competencias", "La competencia «\(codigo)» no es común ni del nivel \(ev.nivel.nombre.lowercased()).")
                    continue
                }
                guard let p = Puntaje(texto: t), p >= .cero, p <= .cien else {
                    c.falla("competencias[\(codigo)]", "La calificación de «\(comp.nombre)» va de 0 a 100.")
                    continue
                }
                competencias.append(.init(codigo: codigo, nombre: comp.nombre, puntaje: p))
            }
            if let rango = ctx.definicion.comportamentales?.cantidad, !rango.contiene(competencias.count) {
                c.falla("competencias", "Califique \(rango.texto) competencias comportamentales; hay \(competencias.count).")
            }
            try c.lanzarSiHayErrores()
            ev.competencias = competencias
            ev.revisadaEl = hoy.iso
            let r = CalificacionGI.resultado(metas: ev.metas, comportamentales: competencias.compactMap(\.puntaje), definicion: ctx.definicion)
            try await avisar(ev, a: ev.$servidor.id, clave: "resultado", asunto: "Su resultado de la gestión institucional está listo",
                             cuerpo: "Su jefe inmediato calificó las competencias comportamentales. Revise su resultado y acéptelo o no.", on: db)
            return "Competencias comportamentales calificadas; resultado: \(r?.texto ?? "—")."
        case .cerrar:
            ev.motivo = motivo
            return "Cerrada sin calificación: \(motivo ?? "")"
        }
    }

    // MARK: - Reading

    /// What is due on each evaluation as of `hoy`, through the one engine function.
    static func pendientes(_ evs: [EvaluacionGI], hoy: Fecha, on db: any Database) async throws -> [UUID: [Debido<RolGI>]] {
        guard let entidad = evs.first?.$entidad.id else { return [:] }
        let cal = try await CalendarioService.calendario(entidad, on: db)
        var terminos: [UUID: TerminosGI] = [:]
        for v in try await VigenciaGI.query(on: db).filter(\.$id ~~ Set(evs.map { $0.$vigencia.id })).all() {
            terminos[v.id!] = TerminosGI(definicion: try v.definicion, calendario: cal, plan: v.plan)
        }
        var r: [UUID: [Debido<RolGI>]] = [:]
        for ev in evs {
            guard let t = terminos[ev.$vigencia.id] else { continue }
            let foto = t.foto(estado: ev.estado, posesion: ev.posesion.flatMap(Fecha.init(iso:)),
                              enviada: ev.enviadaEl.flatMap(Fecha.init(iso:)), revisada: ev.revisadaEl.flatMap(Fecha.init(iso:)))
            r[ev.id!] = t.pendientes(foto, hoy: hoy)
        }
        return r
    }
}
