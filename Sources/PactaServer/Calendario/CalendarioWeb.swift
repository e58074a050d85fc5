import Fluent
import Foundation
import PactaCore
import Vapor

enum CalendarioWeb {
    static func register(_ r: any RoutesBuilder) {
        r.get("calendario", use: pagina)
        r.post("calendario", "dias", use: agregar)
        r.post("calendario", "dias", ":id", "eliminar", use: eliminar)
    }

    struct Dia: Encodable { let id: UUID?; let fecha: String; let diaSemana: String; let nombre: String; let propio: Bool }
    struct Calculo: Encodable { let desde: String; let dias: String; let resultado: String?; let error: String? }
    struct Contexto: Encodable {
        let anio: Int; let anterior: Int; let siguiente: Int; let dias: [Dia]; let habilesDelAnio: Int
        let calculo: Calculo; let puedeGestionar: Bool; let errores: [String: String]; let valores: CalendarioService.DiaInput
    }

    static func render(_ req: Request, valores: CalendarioService.DiaInput = .init(), errores: [String: String] = [:], status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        struct Q: Content { var anio: Int?; var desde: String?; var dias: String? }
        let q = (try? req.query.decode(Q.self)) ?? Q()
        let hoy = CalendarioService.hoy()
        let anio = min(max(q.anio ?? hoy.anio, 1984), 2200)
        let cal = try await CalendarioService.calendario(actor.entidadID, on: req.db)
        var dias = cal.festivos(anio).map { Dia(id: nil, fecha: $0.fecha.texto, diaSemana: $0.fecha.diaDeLaSemana.nombre, nombre: $0.nombre, propio: false) }
        let propios = try await CalendarioService.diasPropios(actor, on: req.db)
        dias += propios.compactMap { d in
            guard let f = Fecha(iso: d.fecha), f.anio == anio else { return nil }
            return Dia(id: d.id, fecha: f.texto, diaSemana: f.diaDeLaSemana.nombre, nombre: d.motivo, propio: true)
        }
        dias.sort { (Fecha(texto: $0.fecha) ?? hoy) < (Fecha(texto: $1.fecha) ?? hoy) }
        let habiles = cal.diasHabiles(desde: Fecha(anio - 1, 12, 31), hasta: Fecha(anio, 12, 31))
        // The calculator: N días hábiles after a date.
        var calculo = Calculo(desde: q.desde ?? hoy.texto, dias: q.dias ?? "", resultado: nil, error: nil)
        if let d = Campos.limpio(q.dias) {
            if let desde = Fecha(texto: q.desde ?? ""), let n = Int(d), (0...3650).contains(n) {
                let fin = cal.sumarDiasHabiles(n, desde: desde)
                calculo = Calculo(desde: desde.texto, dias: d, resultado: "\(n) día(s) hábil(es) después del \(desde.texto): \(fin.diaDeLaSemana.nombre) \(fin.texto).", error: nil)
            } else {
                calculo = Calculo(desde: q.desde ?? "", dias: d, resultado: nil, error: "Escriba una fecha dd/mm/aaaa y un número de días hábiles entre 0 y 3650.")
            }
        }
        return try await req.pagina("calendario", "Calendario de días hábiles", Contexto(
            anio: anio, anterior: anio - 1, siguiente: anio + 1, dias: dias, habilesDelAnio: habiles, calculo: calculo,
            puedeGestionar: actor.puede(.gestionarCalendario), errores: errores, valores: valores), status: status)
    }

    @Sendable static func pagina(req: Request) async throws -> Response { try await render(req) }

    @Sendable static func agregar(req: Request) async throws -> Response {
        let input = try req.content.decode(CalendarioService.DiaInput.self)
        do {
            let d = try await CalendarioService.agregarDia(input, req.actor(), on: req.db)
            req.avisar("El \(Fecha(iso: d.fecha)?.texto ?? d.fecha) quedó como día no hábil de la entidad.")
            return req.redirect(to: "/calendario?anio=\(d.fecha.prefix(4))")
        } catch let e as PactaError where !e.campos.isEmpty {
            return try await render(req, valores: input, errores: e.campos, status: .unprocessableEntity)
        }
    }

    @Sendable static func eliminar(req: Request) async throws -> Response {
        try await CalendarioService.eliminarDia(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        req.avisar("Día no hábil eliminado.")
        return req.redirect(to: "/calendario")
    }
}
