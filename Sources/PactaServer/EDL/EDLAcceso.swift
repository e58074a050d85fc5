import Fluent
import Foundation
import PactaCore
import SQLKit
import Vapor

/// Who an actor is on an evaluation, and the one place that decides it.
enum EDLAcceso {
    /// The roles the actor holds on `ev`: from the structure (evaluado, evaluador, comisión,
    /// superior of the evaluador) and the account's role (Talento Humano).
    static func roles(_ ev: EvaluacionEDL, _ actor: Actor, on db: any Database) async throws -> Set<RolEDL> {
        guard ev.$entidad.id == actor.entidadID else { return [] }
        var r = Set<RolEDL>()
        if let s = actor.servidorID {
            if ev.$servidor.id == s { r.insert(.evaluado) }
            if ev.$evaluador.id == s { r.insert(.evaluador) }
            if ev.$comision.id == s { r.insert(.comision) }
            // The evaluador's jefe takes part only through an apelación (to resolve it, and to see it afterwards).
            if let evaluadorID = ev.$evaluador.id, evaluadorID != s,
               [.enApelacion, .enFirme].contains(ev.estado),
               let evaluador = try await Servidor.find(evaluadorID, on: db), evaluador.$jefe.id == s,
               try await RecursoEDL.query(on: db).filter(\.$evaluacion.$id == ev.id!).filter(\.$instancia == "apelacion").count() > 0 {
                r.insert(.superior)
            }
        }
        // Nobody acts as Talento Humano on their own evaluation (closing it, notifying it, declaring it en firme…).
        if actor.puede(.gestionarEvaluaciones) && !r.contains(.evaluado) { r.insert(.talentoHumano) }
        return r
    }

    /// The evaluation and the actor's roles on it; 404 when the actor may not see it.
    /// `bloquear`: inside a write transaction, lock the row (PostgreSQL `FOR UPDATE`) so two
    /// instances cannot both act on the state they read; SQLite writes already take turns.
    static func obtener(_ id: UUID?, _ actor: Actor, bloquear: Bool = false, on db: any Database) async throws -> (EvaluacionEDL, Set<RolEDL>) {
        if bloquear, let id, let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT id FROM evaluaciones_edl WHERE id = \(bind: id) FOR UPDATE").run()
        }
        guard let id, let ev = try await EvaluacionEDL.query(on: db).filter(\.$id == id)
            .filter(\.$entidad.$id == actor.entidadID).first() else {
            throw PactaError.noEncontrado("La evaluación")
        }
        let roles = try await roles(ev, actor, on: db)
        if roles.isEmpty && !actor.puede(.verEvaluaciones) {
            guard try await evaluoUnTramo(ev, actor, on: db) else { throw PactaError.noEncontrado("La evaluación") }
        }
        return (ev, roles)
    }

    /// A former evaluador still sees the evaluation while they owe (or gave) a parcial of it:
    /// a change of jefe must be rated by the jefe who leaves.
    static func evaluoUnTramo(_ ev: EvaluacionEDL, _ actor: Actor, on db: any Database) async throws -> Bool {
        guard let s = actor.servidorID, ev.$entidad.id == actor.entidadID else { return false }
        return try await TramoEDL.query(on: db).filter(\.$evaluacion.$id == ev.id!).filter(\.$evaluador.$id == s).count() > 0
    }

    static let preferencia: [RolEDL] = [.evaluado, .evaluador, .comision, .superior, .talentoHumano]

    /// The role the actor acts with and the resulting state; the workflow's refusal otherwise.
    static func transicion(_ ev: EvaluacionEDL, roles: Set<RolEDL>, accion: AccionEDL, conComision: Bool = false,
                           conApelacionSubsidiaria: Bool = false, lapsoFinal: Bool = false,
                           parcialAbierta: Bool = false) throws -> (RolEDL, EstadoEDL) {
        try TransicionService.decidir(FlujoEDL.flujo, preferencia: preferencia, estado: ev.estado, roles: roles, accion: accion,
                                      hechos: FlujoEDL.hechos(conComision: conComision, conApelacionSubsidiaria: conApelacionSubsidiaria,
                                                              lapsoFinal: lapsoFinal, parcialAbierta: parcialAbierta))
    }
}

/// Writes on an evaluation (`…/evaluaciones/:id/…`) are for those who take part in it. Someone who may only
/// read it (Control Interno, Planeación) gets 403 before any check of its state or of the form, so the
/// answer does not depend on the stage or on what was typed.
struct SoloParticipantesEDLMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method != .GET && request.method != .HEAD {
            let actor = try request.actor()
            let (ev, roles) = try await EDLAcceso.obtener(request.parameters.get("id", as: UUID.self), actor, on: request.db)
            if roles.isEmpty, !(try await EDLAcceso.evaluoUnTramo(ev, actor, on: request.db)) {
                throw PactaError.prohibido("No participa en esta evaluación: puede consultarla, pero no actuar en ella.")
            }
        }
        return try await next.respond(to: request)
    }
}

extension EvaluacionEDL: EvaluacionDeInstrumento {
    static let instrumento = TipoInstrumento.edl
    static var flujo: Flujo<EstadoEDL, RolEDL, AccionEDL> { FlujoEDL.flujo }
    static var preferencia: [RolEDL] { EDLAcceso.preferencia }
    static let tipoDeRegistro = "evaluacion_edl"
    var entidadID: UUID { $entidad.id }
    var resumen: ResumenEDL { ResumenEDL(self) }
}
