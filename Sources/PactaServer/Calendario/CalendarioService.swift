import Fluent
import Foundation
import PactaCore
import Vapor

/// The entity's calendar: national holidays plus its own non-working days.
enum CalendarioService {
    static func calendario(_ entidadID: UUID, on db: any Database) async throws -> Calendario {
        let propios = try await DiaNoHabil.query(on: db).filter(\.$entidad.$id == entidadID).all().compactMap { Fecha(iso: $0.fecha) }
        return Calendario(diasNoHabilesPropios: Set(propios))
    }

    static func hoy(_ ahora: Date = Date()) -> Fecha { Fecha.desde(ahora, zona: Fecha.zonaColombia) }

    static func diasPropios(_ actor: Actor, on db: any Database) async throws -> [DiaNoHabil] {
        try await DiaNoHabil.query(on: db).filter(\.$entidad.$id == actor.entidadID).sort(\.$fecha).all()
    }

    struct DiaInput: Content { var fecha: String?; var motivo: String? }

    static func agregarDia(_ input: DiaInput, _ actor: Actor, on db: any Database) async throws -> DiaNoHabil {
        try actor.exigir(.gestionarCalendario)
        var c = Campos()
        let fecha = c.fecha("fecha", input.fecha, etiqueta: "La fecha", obligatorio: true)
        let motivo = c.texto("motivo", input.motivo, etiqueta: "El motivo", max: 200)
        try c.lanzarSiHayErrores()
        return try await db.escribir { db in
            if try await DiaNoHabil.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$fecha == fecha!.iso).count() > 0 {
                throw PactaError.validacion(["fecha": "El \(fecha!.texto) ya está registrado como día no hábil."])
            }
            let d = DiaNoHabil(entidadID: actor.entidadID, fecha: fecha!.iso, motivo: motivo)
            try await d.create(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "crear", tipo: "dia_no_habil", id: d.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: ["fecha": d.fecha, "motivo": d.motivo])
            return d
        }
    }

    static func eliminarDia(_ id: UUID?, _ actor: Actor, on db: any Database) async throws {
        try actor.exigir(.gestionarCalendario)
        try await db.escribir { db in
            guard let id, let d = try await DiaNoHabil.query(on: db).filter(\.$id == id).filter(\.$entidad.$id == actor.entidadID).first() else {
                throw PactaError.noEncontrado("El día no hábil")
            }
            try await d.delete(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "eliminar", tipo: "dia_no_habil", id: id.uuidString,
                                         antes: ["fecha": d.fecha, "motivo": d.motivo], despues: Optional<Nada>.none)
        }
    }
}

enum CalendarioAPI {
    static func register(_ r: any RoutesBuilder) {
        r.get("calendario", "festivos", use: festivos)
        r.get("calendario", "dias-habiles", use: diasHabiles)
        r.get("calendario", "dias-no-habiles", use: diasNoHabiles)
        r.post("calendario", "dias-no-habiles", use: agregarDia)
        r.delete("calendario", "dias-no-habiles", ":id", use: eliminarDia)
    }

    struct DiaDTO: Content { let fecha: String; let nombre: String; let propio: Bool }
    struct DiaNoHabilDTO: Content { let id: UUID; let fecha: String; let motivo: String }

    @Sendable static func festivos(req: Request) async throws -> [DiaDTO] {
        let actor = try req.actor()
        let anio = try req.query.get(Int?.self, at: "anio") ?? CalendarioService.hoy().anio
        guard (1984...2200).contains(anio) else { throw PactaError.validacion(["anio": "El año debe estar entre 1984 y 2200."]) }
        let cal = try await CalendarioService.calendario(actor.entidadID, on: req.db)
        let nacionales = cal.festivos(anio).map { DiaDTO(fecha: $0.fecha.iso, nombre: $0.nombre, propio: false) }
        let propios = try await CalendarioService.diasPropios(actor, on: req.db).filter { $0.fecha.hasPrefix("\(anio)-") }
            .map { DiaDTO(fecha: $0.fecha, nombre: $0.motivo, propio: true) }
        return (nacionales + propios).sorted { $0.fecha < $1.fecha }
    }

    struct CalculoDTO: Content {
        let desde: String
        let hasta: String
        let diasHabiles: Int
        let esHabilHasta: Bool
    }

    /// ?desde=…&dias=N → the date N días hábiles later; ?desde=…&hasta=… → how many días hábiles between.
    @Sendable static func diasHabiles(req: Request) async throws -> CalculoDTO {
        let actor = try req.actor()
        struct Q: Content { var desde: String?; var hasta: String?; var dias: String? }
        let q = try req.query.decode(Q.self)
        var c = Campos()
        let desde = c.fecha("desde", q.desde, etiqueta: "La fecha inicial", obligatorio: true)
        let hasta = c.fecha("hasta", q.hasta, etiqueta: "La fecha final", obligatorio: false)
        let dias = Campos.limpio(q.dias).map { Int($0) }
        if let d = dias, d == nil || d! < 0 || d! > 3650 { c.falla("dias", "Los días hábiles deben ser un número entero entre 0 y 3650.") }
        if hasta == nil && dias == nil && c.errores.isEmpty { c.falla("dias", "Indique «dias» (cuántos días hábiles sumar) o «hasta» (fecha final).") }
        try c.lanzarSiHayErrores()
        let cal = try await CalendarioService.calendario(actor.entidadID, on: req.db)
        if let n = dias ?? nil {
            let fin = cal.sumarDiasHabiles(n, desde: desde!)
            return CalculoDTO(desde: desde!.iso, hasta: fin.iso, diasHabiles: n, esHabilHasta: cal.esHabil(fin))
        }
        return CalculoDTO(desde: desde!.iso, hasta: hasta!.iso, diasHabiles: cal.diasHabiles(desde: desde!, hasta: hasta!), esHabilHasta: cal.esHabil(hasta!))
    }

    @Sendable static func diasNoHabiles(req: Request) async throws -> [DiaNoHabilDTO] {
        try await CalendarioService.diasPropios(req.actor(), on: req.db).map { DiaNoHabilDTO(id: $0.id!, fecha: $0.fecha, motivo: $0.motivo) }
    }

    @Sendable static func agregarDia(req: Request) async throws -> Response {
        let d = try await CalendarioService.agregarDia(req.content.decode(CalendarioService.DiaInput.self), req.actor(), on: req.db)
        return try await DiaNoHabilDTO(id: d.id!, fecha: d.fecha, motivo: d.motivo).encodeResponse(status: .created, for: req)
    }

    @Sendable static func eliminarDia(req: Request) async throws -> HTTPStatus {
        try await CalendarioService.eliminarDia(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return .noContent
    }
}

extension Application {
    struct RelojKey: StorageKey { typealias Value = @Sendable () -> Date }
    /// The clock every deadline is measured against; tests set a fixed one.
    var reloj: @Sendable () -> Date {
        get { storage[RelojKey.self] ?? { Date() } }
        set { storage[RelojKey.self] = newValue }
    }
}

extension Request {
    /// Today in Colombia, from the application's clock.
    var hoy: Fecha { CalendarioService.hoy(application.reloj()) }
}
