import Fluent
import Foundation
import PactaCore
import Vapor

/// Seguimiento: the portafolio de evidencias (files and notes), the evaluador's observations and
/// the plan de mejoramiento with its follow-ups.
enum SeguimientoEDLService {
    struct EvidenciaInput: Content {
        var nota: String?
        var compromisoId: String?
        var observacion: String?
    }

    /// Adds an evidencia (note and/or file) or, for the evaluador, an observation.
    static func agregar(_ id: UUID?, _ input: EvidenciaInput, archivo: EvidenciasService.Archivo?, _ actor: Actor, hoy: Fecha,
                        on db: any Database) async throws -> Evidencia {
        try await EvidenciasService.agregar(
            EvaluacionEDL.self, id: id, nota: input.nota, observacion: input.observacion,
            referencia: ("compromisoId", input.compromisoId, "El compromiso"), archivo: archivo, actor: actor, hoy: hoy, on: db,
            cargar: { id, actor, db in try await EDLAcceso.obtener(id, actor, on: db) },
            autor: { ev, roles, esObservacion, compromisoID, db in
                let (rol, _) = try EDLAcceso.transicion(ev, roles: roles, accion: .registrarSeguimiento)
                if esObservacion && rol != .evaluador {
                    throw PactaError.prohibido("Solo el evaluador registra observaciones de seguimiento.")
                }
                if let compromisoID, try await CompromisoLaboral.query(on: db).filter(\.$id == compromisoID)
                    .filter(\.$evaluacion.$id == ev.id!).count() == 0 {
                    throw PactaError.validacion(["compromisoId": "El compromiso no pertenece a esta evaluación."])
                }
                // Only evidences of the period count (seed 003).
                if hoy < ev.cubre.inicio {
                    throw PactaError.conflicto("El período de evaluación empieza el \(ev.cubre.inicio.texto): aún no se registran evidencias.")
                }
                return rol
            },
            avisar: { ev, e, db in
                try await EvaluacionesEDLService.avisar(ev, a: ev.$servidor.id, clave: "observacion|\(e.id!.uuidString)",
                                                        asunto: "Nueva observación de seguimiento", cuerpo: e.nota, on: db)
            })
    }

    /// The file of an evidencia, for whoever may see the evaluation.
    static func archivo(_ evaluacionID: UUID?, _ evidenciaID: UUID?, _ actor: Actor, on db: any Database) async throws -> Evidencia {
        let (ev, _) = try await EDLAcceso.obtener(evaluacionID, actor, on: db)
        return try await EvidenciasService.archivo(.edl, evaluacionID: ev.id!, evidenciaID: evidenciaID, on: db)
    }

    // MARK: - Plan de mejoramiento

    struct AccionInput: Content {
        var accion: String?
        var responsable: String?
        var fechaLimite: String?
        var indicador: String?
        var causa: String?
    }

    struct SeguimientoInput: Content {
        var avance: String?
        var nota: String?
    }

    static func exigirEvaluadorEnSeguimiento(_ ev: EvaluacionEDL, _ roles: Set<RolEDL>) throws -> RolEDL {
        guard roles.contains(.evaluador) else { throw PactaError.prohibido("Solo el evaluador gestiona el plan de mejoramiento.") }
        guard ev.estado == .enSeguimiento else {
            throw PactaError.conflicto("El plan de mejoramiento se registra durante el seguimiento; la evaluación está «\(ev.estado.nombre)».")
        }
        return .evaluador
    }

    static func agregarAccion(_ id: UUID?, _ input: AccionInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> AccionDeMejoramiento {
        var c = Campos()
        let accion = c.texto("accion", input.accion, etiqueta: "La acción de mejora", max: 1000)
        let responsable = c.texto("responsable", input.responsable, etiqueta: "El responsable", max: 200)
        let fecha = c.fecha("fechaLimite", input.fechaLimite, etiqueta: "La fecha límite", obligatorio: true)
        let indicador = c.texto("indicador", input.indicador, etiqueta: "El indicador", max: 500)
        let causa = c.opcional("causa", input.causa, etiqueta: "La causa", max: 1000) ?? ""
        if let fecha, fecha < hoy { c.falla("fechaLimite", "La fecha límite no puede ser anterior a hoy.") }
        try c.lanzarSiHayErrores()
        return try await db.escribir { db in
            let (ev, roles) = try await EDLAcceso.obtener(id, actor, on: db)
            let rol = try exigirEvaluadorEnSeguimiento(ev, roles)
            let a = AccionDeMejoramiento()
            a.instrumento = .edl
            a.evaluacionID = ev.id!
            a.$entidad.id = ev.$entidad.id
            a.accion = accion
            a.responsable = responsable
            a.fechaLimite = fecha!.iso
            a.indicador = indicador
            a.causa = causa
            a.avance = 0
            a.seguimientosJSON = "[]"
            try await a.create(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "agregar acción de mejora", tipo: EvaluacionEDL.tipoDeRegistro, id: ev.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: ["accion": accion, "fechaLimite": fecha!.iso, "indicador": indicador])
            try await EvaluacionesEDLService.evento(ev, "Agregó una acción al plan de mejoramiento", rol: rol, actor,
                                                    detalle: "\(accion) — hasta el \(fecha!.texto)", hoy: hoy, on: db)
            try await EvaluacionesEDLService.avisar(ev, a: ev.$servidor.id, clave: "mejora|\(a.id!.uuidString)", asunto: "Plan de mejoramiento",
                                                    cuerpo: "Su evaluador registró una acción de mejora: \(accion). Fecha límite: \(fecha!.texto).", on: db)
            return a
        }
    }

    static func seguirAccion(_ id: UUID?, accionID: UUID?, _ input: SeguimientoInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> AccionDeMejoramiento {
        var c = Campos()
        let nota = c.texto("nota", input.nota, etiqueta: "La nota del seguimiento", max: 2000)
        var avance = 0
        if let t = Campos.limpio(input.avance), let n = Int(t.replacingOccurrences(of: "%", with: "")), (0...100).contains(n) { avance = n } else {
            c.falla("avance", "El avance es un porcentaje entero de 0 a 100.")
        }
        try c.lanzarSiHayErrores()
        let avanceFinal = avance
        return try await db.escribir { db in
            let (ev, roles) = try await EDLAcceso.obtener(id, actor, on: db)
            let rol = try exigirEvaluadorEnSeguimiento(ev, roles)
            guard let accionID, let a = try await AccionDeMejoramiento.query(on: db).filter(\.$id == accionID)
                .filter(\.$instrumento == .edl).filter(\.$evaluacionID == ev.id!).first() else {
                throw PactaError.noEncontrado("La acción de mejora")
            }
            a.seguimientos = a.seguimientos + [.init(fecha: hoy.iso, avance: avanceFinal, nota: nota)]
            a.avance = avanceFinal
            try await a.save(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "seguir acción de mejora", tipo: EvaluacionEDL.tipoDeRegistro, id: ev.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: ["accion": a.id!.uuidString, "avance": "\(avanceFinal)"])
            try await EvaluacionesEDLService.evento(ev, "Registró el seguimiento de una acción de mejora", rol: rol, actor,
                                                    detalle: "\(a.accion): \(avanceFinal) %. \(nota)", hoy: hoy, on: db)
            return a
        }
    }
}
