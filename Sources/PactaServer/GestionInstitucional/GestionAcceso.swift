import Fluent
import Foundation
import PactaCore
import Vapor

extension EvaluacionGI: EvaluacionDeInstrumento {
    static let instrumento = TipoInstrumento.gestionInstitucional
    static var flujo: Flujo<EstadoGI, RolGI, AccionGI> { FlujoGI.flujo }
    static let preferencia: [RolGI] = [.evaluado, .jefe, .talentoHumano]
    var entidadID: UUID { $entidad.id }

    struct ResumenGI: Encodable, Sendable {
        let estado: EstadoGI
        let metas: [MetaGI]
        let competencias: [Competencia]
        let motivo: String?
        let resultado: Int?
        let jefe: UUID?
    }

    var resumen: ResumenGI {
        ResumenGI(estado: estado, metas: metas, competencias: competencias, motivo: motivo, resultado: resultado, jefe: $jefe.id)
    }
}

/// Who an actor is on a Gestión Institucional evaluation, and the one place that decides it.
enum GestionAcceso {
    /// From the structure (evaluado, jefe inmediato) and the account's role (Talento Humano).
    static func roles(_ ev: EvaluacionGI, _ actor: Actor) -> Set<RolGI> {
        guard ev.$entidad.id == actor.entidadID else { return [] }
        var r = Set<RolGI>()
        if let s = actor.servidorID {
            if ev.$servidor.id == s { r.insert(.evaluado) }
            if ev.$jefe.id == s { r.insert(.jefe) }
        }
        // Nobody acts as Talento Humano on their own evaluation.
        if actor.puede(.gestionarEvaluaciones) && !r.contains(.evaluado) { r.insert(.talentoHumano) }
        return r
    }

    /// Whether the actor sees the evaluation: who takes part, and the offices that read the entity's.
    static func puedeVer(_ ev: EvaluacionGI, _ actor: Actor) -> Bool {
        ev.$entidad.id == actor.entidadID && (!roles(ev, actor).isEmpty || actor.puede(.verEvaluaciones))
    }

    /// The evaluation and the actor's roles on it; 404 when the actor may not see it.
    static func obtener(_ id: UUID?, _ actor: Actor, on db: any Database) async throws -> (EvaluacionGI, Set<RolGI>) {
        guard let id, let ev = try await EvaluacionGI.query(on: db).filter(\.$id == id)
            .filter(\.$entidad.$id == actor.entidadID).first(), puedeVer(ev, actor) else {
            throw PactaError.noEncontrado("La evaluación")
        }
        return (ev, roles(ev, actor))
    }

    /// Restricts a query to what the actor sees: the entity for Talento Humano and the reading
    /// offices, one's own and one's team's otherwise.
    static func filtrar(_ q: QueryBuilder<EvaluacionGI>, _ actor: Actor) -> QueryBuilder<EvaluacionGI> {
        let q = q.filter(\.$entidad.$id == actor.entidadID)
        if actor.puede(.gestionarEvaluaciones) || actor.puede(.verEvaluaciones) { return q }
        let propio = actor.servidorID ?? UUID()
        return q.group(.or) { $0.filter(\.$servidor.$id == propio).filter(\.$jefe.$id == propio) }
    }
}

/// Writes on a Gestión Institucional evaluation are for those who take part in it: a reading office
/// gets 403 before any check of its state or of the form.
struct SoloParticipantesGIMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method != .GET && request.method != .HEAD {
            let actor = try request.actor()
            let (_, roles) = try await GestionAcceso.obtener(request.parameters.get("id", as: UUID.self), actor, on: request.db)
            if roles.isEmpty {
                throw PactaError.prohibido("No participa en esta evaluación: puede consultarla, pero no actuar en ella.")
            }
        }
        return try await next.respond(to: request)
    }
}
