import Fluent
import Foundation
import PactaCore
import Vapor

/// Talento Humano's side of the Gestión Institucional: opening a vigencia with its plan de trabajo
/// (activity 3), the servants it covers (activity 4, and whoever arrives later), the plan's dates.
enum VigenciasGIService {
    struct AbrirInput: Content {
        var anio: Int?
        /// Optional overrides of the preset, as the entity edits it.
        var umbralMejoramiento: String?
        var pesoMetas: Int?
    }

    struct PlanInput: Content {
        /// codigo → "dd/mm/aaaa" (or ISO) for inicio and fin: `inicio[formulacion]`, `fin[formulacion]`…
        var inicio: [String: String]?
        var fin: [String: String]?
    }

    static func listar(_ actor: Actor, on db: any Database) async throws -> [VigenciaGI] {
        guard actor.puede(.gestionarEvaluaciones) || actor.puede(.verEvaluaciones) || actor.servidorID != nil else { throw PactaError.prohibido() }
        return try await VigenciaGI.query(on: db).filter(\.$entidad.$id == actor.entidadID).sort(\.$anio, .descending).all()
    }

    static func obtener(_ id: UUID?, _ actor: Actor, on db: any Database) async throws -> VigenciaGI {
        guard let id, let v = try await VigenciaGI.query(on: db).filter(\.$id == id).filter(\.$entidad.$id == actor.entidadID).first() else {
            throw PactaError.noEncontrado("La vigencia")
        }
        return v
    }

    static func abrir(_ input: AbrirInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> (VigenciaGI, Int) {
        try actor.exigir(.gestionarEvaluaciones)
        var c = Campos()
        let anio = input.anio ?? 0
        if !(2000...2100).contains(anio) { c.falla("anio", "Escriba el año de la vigencia (por ejemplo \(hoy.anio)).") }
        var definicion = DefinicionGI.preset
        if let u = Campos.limpio(input.umbralMejoramiento) {
            if let p = Puntaje(texto: u), p >= .cero, p <= .cien { definicion.umbralMejoramiento = p } else {
                c.falla("umbralMejoramiento", "El umbral de mejoramiento va de 0 a 100.")
            }
        }
        if let pm = input.pesoMetas {
            if (0...100).contains(pm), let i = definicion.base.componentes.firstIndex(where: { $0.codigo == "metas" }) {
                definicion.base.componentes[i].peso = pm
                if let j = definicion.base.componentes.firstIndex(where: { $0.codigo == "comportamentales" }) {
                    definicion.base.componentes[j].peso = 100 - pm
                }
            } else { c.falla("pesoMetas", "El peso de las metas va de 0 a 100.") }
        }
        for (campo, m) in definicion.validar() { c.falla(campo, m) }
        try c.lanzarSiHayErrores()
        let leida = definicion
        return try await db.escribir { db in
            let definicion = leida
            if try await VigenciaGI.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$anio == anio).count() > 0 {
                throw PactaError.conflicto("Ya existe la vigencia \(anio) de la gestión institucional.")
            }
            let v = VigenciaGI()
            v.$entidad.id = actor.entidadID
            v.anio = anio
            v.nombre = "Vigencia \(anio)"
            v.definicionJSON = EvaluacionGI.json(definicion)
            v.plan = Dictionary(uniqueKeysWithValues: definicion.plan(anio: anio).map { ($0.etapa.codigo, $0.periodo) })
            v.version = 0
            v.abiertaPorID = actor.usuarioID
            try await v.create(on: db)
            let n = try await incorporarPendientes(v, actor, hoy: hoy, on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "gestion.abrir_vigencia", tipo: VigenciaGI.schema,
                                         id: v.id!.uuidString, antes: Optional<String>.none, despues: ["anio": "\(anio)", "evaluaciones": "\(n)"])
            return (v, n)
        }
    }

    /// Adds to the vigencia every active servant it covers who is not in it yet (activity 4:
    /// "cuando ingrese un nuevo servidor"). Returns how many joined.
    static func incorporar(_ id: UUID?, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> Int {
        try actor.exigir(.gestionarEvaluaciones)
        return try await db.escribir { db in
            let v = try await obtener(id, actor, on: db)
            let n = try await incorporarPendientes(v, actor, hoy: hoy, on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "gestion.incorporar", tipo: VigenciaGI.schema,
                                         id: v.id!.uuidString, antes: Optional<String>.none, despues: ["incorporados": "\(n)"])
            return n
        }
    }

    static func incorporarPendientes(_ v: VigenciaGI, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> Int {
        let d = try v.definicion
        let ya = Set(try await EvaluacionGI.query(on: db).filter(\.$vigencia.$id == v.id!).all(\.$servidor.$id))
        let servidores = try await Servidor.query(on: db).filter(\.$entidad.$id == v.$entidad.id).filter(\.$activo == true)
            .filter(\.$tipoVinculacion ~~ d.base.vinculaciones).with(\.$empleo).all()
        var n = 0
        for s in servidores where !ya.contains(s.id!) {
            let ev = EvaluacionGI()
            ev.$entidad.id = v.$entidad.id
            ev.$vigencia.id = v.id!
            ev.$servidor.id = s.id!
            ev.$jefe.id = s.$jefe.id
            ev.$dependencia.id = s.$dependencia.id
            ev.estado = .formulacion
            ev.etapaDesde = hoy.iso
            ev.vinculacion = s.tipoVinculacion
            ev.nivel = s.empleo?.nivel ?? .profesional
            // Someone who took office after the vigencia began formulates from their posesión.
            if let p = s.posesion, p > v.periodo.inicio { ev.posesion = p.iso }
            ev.metas = []
            ev.competencias = []
            ev.version = 0
            try await ev.create(on: db)
            n += 1
            let vence = TerminosGI(definicion: d, calendario: try await CalendarioService.calendario(v.$entidad.id, on: db), plan: v.plan)
                .formulacion(posesion: s.posesion)
            try await AvisosService.encolar(
                on: db, entidadID: v.$entidad.id, servidorID: s.id, clave: "gi:\(ev.id!):formulacion",
                asunto: "Formule sus metas y objetivos de la \(v.nombre.lowercased())",
                cuerpo: "Formule sus metas y objetivos de la gestión institucional y envíelas a su jefe inmediato\(vence.map { " a más tardar el \($0.texto)" } ?? "").",
                enlace: "/gestion/evaluaciones/\(ev.id!)")
        }
        return n
    }

    /// Talento Humano sets the dates of each stage of this vigencia's plan de trabajo (activity 3).
    static func actualizarPlan(_ id: UUID?, _ input: PlanInput, _ actor: Actor, on db: any Database) async throws -> VigenciaGI {
        try actor.exigir(.gestionarEvaluaciones)
        return try await db.escribir { db in
            let v = try await obtener(id, actor, on: db)
            let d = try v.definicion
            var plan = v.plan
            var c = Campos()
            for e in d.etapas {
                let i = c.fecha("inicio[\(e.codigo)]", input.inicio?[e.codigo], etiqueta: "El inicio de «\(e.nombre)»", obligatorio: false)
                let f = c.fecha("fin[\(e.codigo)]", input.fin?[e.codigo], etiqueta: "El fin de «\(e.nombre)»", obligatorio: false)
                guard i != nil || f != nil else { continue }
                let actual = plan[e.codigo]
                guard let nuevo = Periodo(inicio: i ?? actual?.inicio ?? f!, fin: f ?? actual?.fin ?? i!) else {
                    c.falla("fin[\(e.codigo)]", "«\(e.nombre)»: el fin no puede ser anterior al inicio.")
                    continue
                }
                plan[e.codigo] = nuevo
            }
            try c.lanzarSiHayErrores()
            let antes = v.planJSON
            v.plan = plan
            v.version += 1
            try await v.save(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "gestion.plan_de_trabajo", tipo: VigenciaGI.schema,
                                         id: v.id!.uuidString, antes: antes, despues: v.planJSON)
            return v
        }
    }
}
