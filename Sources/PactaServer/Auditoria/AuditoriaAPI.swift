import Fluent
import Foundation
import PactaCore
import Vapor

struct AuditEntryDTO: Content {
    let secuencia: Int
    let momento: Date
    let actor: String
    let accion: String
    let tipoRegistro: String
    let registroId: String
    let antes: String?
    let despues: String?
    let hash: String

    init(_ e: AuditEntry) {
        secuencia = e.secuencia
        momento = Date(timeIntervalSince1970: Double(e.momentoMs) / 1000)
        actor = e.actor
        accion = e.accion
        tipoRegistro = e.tipoRegistro
        registroId = e.registroID
        antes = e.antes
        despues = e.despues
        hash = e.hash
    }
}

struct FiltroAuditoria: Content {
    var tipo: String?
    var registroId: String?
    var buscar: String?
    var pagina: Int?
}

enum AuditoriaService {
    static let porPagina = 50

    static func listar(_ actor: Actor, _ f: FiltroAuditoria, on db: any Database) async throws -> (items: [AuditEntry], total: Int, pagina: Int) {
        try actor.exigir(.verAuditoria)
        if let p = f.pagina, p < 1 { throw PactaError.validacion(["pagina": "La página debe ser 1 o mayor."]) }
        let q = query(actor, f, on: db)
        let total = try await q.count()
        let pagina = max(1, min(f.pagina ?? 1, max(1, (total + porPagina - 1) / porPagina)))
        let items = try await q.sort(\.$secuencia, .descending).range((pagina - 1) * porPagina ..< pagina * porPagina).all()
        return (items, total, pagina)
    }

    /// The newest `limite` entries matching the filter, for exports.
    static func todas(_ actor: Actor, _ f: FiltroAuditoria, limite: Int, on db: any Database) async throws -> [AuditEntry] {
        try actor.exigir(.verAuditoria)
        return try await query(actor, f, on: db).sort(\.$secuencia, .descending).limit(limite).all()
    }

    static func query(_ actor: Actor, _ f: FiltroAuditoria, on db: any Database) -> QueryBuilder<AuditEntry> {
        let q = AuditEntry.query(on: db).filter(\.$entidadID == actor.entidadID)
        if let t = Campos.limpio(f.tipo) { q.filter(\.$tipoRegistro == t) }
        if let r = Campos.limpio(f.registroId) { q.filter(\.$registroID == r) }
        if let b = Campos.limpio(f.buscar) {
            for palabra in Texto.normalizar(b).split(separator: " ") { q.filter(\.$busqueda ~~ String(palabra)) }
        }
        return q
    }
}

enum AuditoriaAPI {
    static func register(_ r: any RoutesBuilder) {
        r.get("auditoria", use: listar)
        r.get("auditoria", "verificacion", use: verificar)
    }

    @Sendable static func listar(req: Request) async throws -> PaginaDTO<AuditEntryDTO> {
        let r = try await AuditoriaService.listar(req.actor(), req.query.decode(FiltroAuditoria.self), on: req.db)
        return PaginaDTO(items: r.items.map(AuditEntryDTO.init), pagina: r.pagina, porPagina: AuditoriaService.porPagina, total: r.total)
    }

    struct VerificacionDTO: Content {
        let integra: Bool
        let revisadas: Int
        let hallazgos: [String]
    }

    @Sendable static func verificar(req: Request) async throws -> VerificacionDTO {
        let actor = try req.actor()
        guard actor.rol == .administrador || actor.rol == .controlInterno else { throw PactaError.prohibido() }
        let r = try await AuditLog.verificar(on: req.db)
        return VerificacionDTO(integra: r.hallazgos.isEmpty, revisadas: r.revisadas, hallazgos: r.hallazgos.map(\.descripcion))
    }
}
