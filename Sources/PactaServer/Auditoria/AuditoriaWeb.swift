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

    static func formato(_ e: AuditEntry) -> String {
        formatoMomento.string(from: Date(timeIntervalSince1970: Double(e.momentoMs) / 1000))
    }

    static let formatoMomento: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "es_CO")
        f.timeZone = Fecha.zonaColombia
        f.dateFormat = "dd/MM/yyyy HH:mm:ss"
        return f
    }()

    static let maximoExportable = 50_000

    @Sendable static func lista(req: Request) async throws -> Response {
        let actor = try req.actor()
        let f = try req.query.decode(FiltroAuditoria.self)
        if let formatoArchivo: String = req.query["formato"] {
            let entradas = try await AuditoriaService.todas(actor, f, limite: maximoExportable, on: req.db)
            return try Exportar.respuesta(
                nombre: "auditoria", hoja: "Auditoría",
                encabezados: ["N.º", "Momento", "Quién", "Acción", "Tipo de registro", "Registro", "Antes", "Después", "Hash"],
                filas: entradas.map { e in
                    [.number(Double(e.secuencia)), .text(Self.formato(e)), .text(e.actor), .text(e.accion), .text(e.tipoRegistro),
                     .text(e.registroID), .text(e.antes ?? ""), .text(e.despues ?? ""), .text(e.hash)]
                }, formato: formatoArchivo)
        }
        let r = try await AuditoriaService.listar(actor, f, on: req.db)
        let paginas = max(1, (r.total + AuditoriaService.porPagina - 1) / AuditoriaService.porPagina)
        let filas = r.items.map { e in
            Fila(secuencia: e.secuencia, momento: formato(e),
                 actor: e.actor, accion: e.accion, tipo: e.tipoRegistro, registro: e.registroID, antes: e.antes ?? "—", despues: e.despues ?? "—")
        }
        return try await req.pagina("auditoria", "Auditoría", Contexto(
            filas: filas, total: r.total, pagina: r.pagina, paginas: paginas, anterior: r.pagina > 1 ? r.pagina - 1 : nil,
            siguiente: r.pagina < paginas ? r.pagina + 1 : nil, filtro: f, consulta: Paginacion.consulta(req)))
    }
}
