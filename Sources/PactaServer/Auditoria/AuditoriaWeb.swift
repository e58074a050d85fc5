import Fluent
import Foundation
import PactaCore
import Spreadsheet
import Vapor

enum AuditoriaWeb {
    static func register(_ r: any RoutesBuilder) {
        r.get("auditoria", use: lista)
    }

    struct Fila: Encodable { let secuencia: Int; let momento: String; let actor: String; let accion: String; let tipo: String; let registro: String; let antes: String; let despues: String }
    struct Contexto: Encodable {
        let filas: [Fila]; let total: Int; let pagina: Int; let paginas: Int; let anterior: Int?; let siguiente: Int?
        let filtro: FiltroAuditoria; let consulta: String
    }

    static let formato: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "es_CO")
        f.timeZone = Fecha.zonaColombia
        f.dateFormat = "dd/MM/yyyy HH:mm:ss"
        return f
    }()

    @Sendable static func lista(req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try req.query.decode(FiltroAuditoria.self)
        let r = try await AuditoriaService.listar(actor, f, on: req.db)
        let paginas = max(1, (r.total + AuditoriaService.porPagina - 1) / AuditoriaService.porPagina)
        let filas = r.items.map { e in
            Fila(secuencia: e.secuencia, momento: formato.string(from: Date(timeIntervalSince1970: Double(e.momentoMs) / 1000)),
                 actor: e.actor, accion: e.accion, tipo: e.tipoRegistro, registro: e.registroID, antes: e.antes ?? "—", despues: e.despues ?? "—")
        }
        return try await req.pagina("auditoria", "Auditoría", Contexto(
            filas: filas, total: r.total, pagina: r.pagina, paginas: paginas, anterior: r.pagina > 1 ? r.pagina - 1 : nil,
            siguiente: r.pagina < paginas ? r.pagina + 1 : nil, filtro: f, consulta: EstructuraWeb.consulta(req)))
    }
}
