import Fluent
import Foundation
import PactaCore
import SQLKit
import Vapor

/// An instrument's evaluation row, as the shared transition runner sees it.
protocol EvaluacionDeInstrumento: Model, Sendable where IDValue == UUID {
    associatedtype EstadoDeFlujo: ElementoDeFlujo
    associatedtype RolDeFlujo: ElementoDeFlujo
    associatedtype AccionDeFlujo: ElementoDeFlujo
    associatedtype ResumenDeAuditoria: Encodable & Sendable

    static var instrumento: TipoInstrumento { get }
    static var flujo: Flujo<EstadoDeFlujo, RolDeFlujo, AccionDeFlujo> { get }
    /// The role a person holding several acts with first.
    static var preferencia: [RolDeFlujo] { get }

    var estado: EstadoDeFlujo { get set }
    var version: Int { get set }
    var entidadID: UUID { get }
    /// What the audit log keeps before and after each action.
    var resumen: ResumenDeAuditoria { get }
    /// How the audit log names this kind of record.
    static var tipoDeRegistro: String { get }
}

extension EvaluacionDeInstrumento {
    static var tipoDeRegistro: String { schema }
}

extension PactaError {
    /// A refusal of any instrument's workflow, with the status a person's mistake deserves.
    init<E, R, A>(_ e: ErrorFlujo<E, R, A>) {
        switch e {
        case .rolNoAutorizado: self.init(status: .forbidden, mensaje: e.mensaje)
        case .accionNoPermitida, .bloqueada: self.init(status: .conflict, mensaje: e.mensaje)
        case .fueraDeTermino, .antesDeTiempo: self.init(status: .unprocessableEntity, mensaje: e.mensaje, campos: ["fecha": e.mensaje])
        }
    }
}

/// The one transition runner of every instrument: in one write transaction it loads and locks the
/// evaluation, derives the actor's roles, checks the instrument's workflow table, applies the
/// instrument's step, moves the state, saves it against concurrent edits, records the event and audits.
/// The step itself enqueues the notices of whoever acts next, in the same transaction.
enum TransicionService {
    /// The role the actor acts with and the resulting state; the workflow's refusal otherwise. Roles are
    /// tried in the instrument's order of preference; when none may act, the stage is the reason given if
    /// it forbids the action to everyone.
    static func decidir<E, R, A>(_ flujo: Flujo<E, R, A>, preferencia: [R], estado: E, roles: Set<R>, accion: A,
                                 hechos: Set<Condicion> = []) throws -> (R, E) {
        var errores: [ErrorFlujo<E, R, A>] = []
        for rol in preferencia where roles.contains(rol) {
            do throws(ErrorFlujo<E, R, A>) {
                return (rol, try flujo.transicion(desde: estado, rol: rol, accion: accion, hechos: hechos))
            } catch {
                errores.append(error)
            }
        }
        if roles.isEmpty || errores.isEmpty { throw PactaError.prohibido("No participa en esta evaluación.") }
        let e = errores.first { if case .accionNoPermitida = $0 { true } else { false } } ?? errores[0]
        throw PactaError(e)
    }

    /// PostgreSQL `FOR UPDATE` on the row, so two instances cannot both act on the state they read;
    /// SQLite writes already take turns.
    static func bloquear<E: EvaluacionDeInstrumento>(_: E.Type, _ id: UUID, on db: any Database) async throws {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT id FROM \(ident: E.schema) WHERE id = \(bind: id) FOR UPDATE").run()
        }
    }

    static func ejecutar<E: EvaluacionDeInstrumento>(
        _: E.Type, id: UUID?, accion: E.AccionDeFlujo, actor: Actor, hoy: Fecha, on db: any Database, evento: String? = nil,
        cargar: @escaping @Sendable (UUID?, Actor, any Database) async throws -> (E, Set<E.RolDeFlujo>),
        hechos: @escaping @Sendable (E, any Database) async throws -> Set<Condicion> = { _, _ in [] },
        paso: @escaping @Sendable (E, E.RolDeFlujo, E.EstadoDeFlujo, any Database) async throws -> String
    ) async throws -> E {
        try await db.escribir { db in
            if let id { try await bloquear(E.self, id, on: db) }
            let (ev, roles) = try await cargar(id, actor, db)
            let antes = ev.resumen
            let desde = ev.estado
            let (rol, hacia) = try decidir(E.flujo, preferencia: E.preferencia, estado: ev.estado, roles: roles, accion: accion,
                                           hechos: try await hechos(ev, db))
            // The step validates its input and may refuse: nothing is written until it returns.
            let detalle = try await paso(ev, rol, hacia, db)
            ev.estado = hacia
            try await completar(ev, antes: antes, desde: desde, rol: rol, accion: accion.rawValue, evento: evento, detalle: detalle,
                                actor: actor, hoy: hoy, on: db)
            return ev
        }
    }

    /// The tail every write on an evaluation shares, also when an instrument's step chooses its action
    /// itself (a rating that is partial or definitive by the stretch it covers): saves it against
    /// concurrent edits, records the event (`evento` is how the history names it when it is not an
    /// action of the table) and audits. Runs inside the caller's write transaction.
    static func completar<E: EvaluacionDeInstrumento>(_ ev: E, antes: E.ResumenDeAuditoria, desde: E.EstadoDeFlujo, rol: E.RolDeFlujo, accion: String,
                                                    evento: String? = nil, detalle: String, actor: Actor, hoy: Fecha,
                                                    on db: any Database) async throws {
        let versionLeida = ev.version
        let vigente = try await E.query(on: db).filter(\._$id == ev.id!).all().first
        guard vigente?.version == versionLeida else {
            throw PactaError.conflicto("Otra persona modificó esta evaluación al mismo tiempo. Vuelva a cargar la página e intente de nuevo.")
        }
        ev.version += 1
        try await ev.save(on: db)
        try await registrarEvento(E.instrumento, evaluacionID: ev.id!, entidadID: ev.entidadID, accion: evento ?? accion,
                                  rol: rol.rawValue, actor: actor.nombre, desde: desde.rawValue, hacia: ev.estado.rawValue,
                                  detalle: detalle, hoy: hoy, on: db)
        try await AuditLog.registrar(on: db, actor: actor, accion: "\(E.instrumento.rawValue).\(accion)",
                                     tipo: E.tipoDeRegistro, id: ev.id!.uuidString, antes: antes, despues: ev.resumen)
    }

    static func registrarEvento(_ instrumento: TipoInstrumento, evaluacionID: UUID, entidadID: UUID, accion: String, rol: String,
                                actor: String, desde: String, hacia: String, detalle: String, hoy: Fecha, on db: any Database) async throws {
        let e = EventoEvaluacion()
        e.instrumento = instrumento
        e.evaluacionID = evaluacionID
        e.$entidad.id = entidadID
        e.fecha = hoy.iso
        e.accion = accion
        e.rol = rol
        e.actorNombre = actor
        e.estadoDesde = desde
        e.estadoHacia = hacia
        e.detalle = String(detalle.prefix(2000))
        try await e.create(on: db)
    }

    /// In the order it happened: by day, then as written (rows loaded in bulk share their creation time).
    static func historia(_ instrumento: TipoInstrumento, _ evaluacionID: UUID, on db: any Database) async throws -> [EventoEvaluacion] {
        try await EventoEvaluacion.query(on: db).filter(\.$instrumento == instrumento).filter(\.$evaluacionID == evaluacionID)
            .sort(\.$fecha).sort(\.$createdAt).all()
    }
}
