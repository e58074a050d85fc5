import Fluent
import Foundation
import PactaCore
import Vapor

struct FiltroEvaluaciones: Content {
    var buscar: String?
    var estado: String?
    var dependenciaId: String?
    var nivel: String?
    var vinculacion: String?
    /// "concertacion": concertación overdue; "calificacion": rated stretch overdue is not indexed, so
    /// only concertación and notificación are filtered in the database.
    var atraso: String?
    var resultado: String?
    var pagina: Int?
    var porPagina: Int?

    enum Atraso: String, CaseIterable { case concertacion, notificacion }

    func validar() throws {
        var errores: [String: String] = [:]
        func revisar<T: RawRepresentable & CaseIterable>(_ campo: String, _ valor: String?, _: T.Type) where T.RawValue == String {
            do { let _: T? = try Campos.filtro(campo, valor) } catch { errores.merge((error as? PactaError)?.campos ?? [:]) { a, _ in a } }
        }
        revisar("estado", estado, EstadoEDL.self)
        revisar("nivel", nivel, NivelJerarquico.self)
        revisar("vinculacion", vinculacion, TipoVinculacion.self)
        revisar("atraso", atraso, Atraso.self)
        if let d = Campos.limpio(dependenciaId), UUID(uuidString: d) == nil { errores["dependenciaId"] = "«\(d)» no es un identificador de dependencia válido." }
        if let p = pagina, p < 1 { errores["pagina"] = "La página debe ser 1 o mayor." }
        if let p = porPagina, !(1...200).contains(p) { errores["porPagina"] = "Se pueden pedir entre 1 y 200 evaluaciones por página." }
        if !errores.isEmpty { throw PactaError.validacion(errores) }
    }
}

/// Lists of evaluations: a period's (Talento Humano, Control Interno, or one's own team) and one's own.
enum ListadoEDL {
    static func query(_ periodoID: UUID, _ f: FiltroEvaluaciones, _ actor: Actor, hoy: Fecha, on db: any Database) -> QueryBuilder<EvaluacionEDL> {
        let q = EvaluacionEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$periodo.$id == periodoID)
        if !(actor.puede(.gestionarEvaluaciones) || actor.puede(.verEvaluaciones)) {
            let yo = actor.servidorID ?? UUID()
            q.group(.or) { $0.filter(\.$servidor.$id == yo).filter(\.$evaluador.$id == yo).filter(\.$comision.$id == yo) }
        }
        if let e = Campos.limpio(f.estado).flatMap(EstadoEDL.init(rawValue:)) { q.filter(\.$estado == e) }
        if let n = Campos.limpio(f.nivel).flatMap(NivelJerarquico.init(rawValue:)) { q.filter(\.$nivel == n) }
        if let v = Campos.limpio(f.vinculacion).flatMap(TipoVinculacion.init(rawValue:)) { q.filter(\.$vinculacion == v) }
        if let d = Campos.limpio(f.dependenciaId).flatMap(UUID.init(uuidString:)) { q.filter(\.$dependencia.$id == d) }
        if let r = Campos.limpio(f.resultado) { q.filter(\.$nivelEscala == r) }
        switch Campos.limpio(f.atraso).flatMap(FiltroEvaluaciones.Atraso.init(rawValue:)) {
        case .concertacion:
            q.filter(\.$estado ~~ [.porConcertar, .porFirmar]).filter(\.$venceConcertacion < hoy.iso)
        case .notificacion:
            q.filter(\.$estado == .calificada)
        case nil:
            break
        }
        if let b = Campos.limpio(f.buscar) {
            q.join(Servidor.self, on: \EvaluacionEDL.$servidor.$id == \Servidor.$id)
            for palabra in Texto.normalizar(b).split(separator: " ") {
                q.filter(Servidor.self, \.$busqueda ~~ String(palabra))
            }
        }
        return q
    }

    static func listar(_ periodoID: UUID, _ f: FiltroEvaluaciones, _ actor: Actor, hoy: Fecha, on db: any Database) async throws
        -> (items: [EvaluacionResumenDTO], total: Int, pagina: Int, porPagina: Int) {
        try f.validar()
        let porPagina = f.porPagina ?? 25
        let total = try await query(periodoID, f, actor, hoy: hoy, on: db).count()
        let paginas = max(1, (total + porPagina - 1) / porPagina)
        let pagina = min(max(f.pagina ?? 1, 1), paginas)
        let evs = try await query(periodoID, f, actor, hoy: hoy, on: db).sort(\.$venceConcertacion).sort(\.$id)
            .range((pagina - 1) * porPagina ..< pagina * porPagina).all()
        return (try await EDLVistas.resumenes(evs, on: db), total, pagina, porPagina)
    }

    static func todas(_ periodoID: UUID, _ f: FiltroEvaluaciones, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> [EvaluacionResumenDTO] {
        try f.validar()
        let evs = try await query(periodoID, f, actor, hoy: hoy, on: db).sort(\.$venceConcertacion).sort(\.$id).all()
        return try await EDLVistas.resumenes(evs, on: db)
    }

    /// The actor's evaluations in any role: all of their own (as evaluado), the open ones they
    /// evaluate or approve in comisión (soonest concertación first, at most `limite`), the
    /// apelaciones they resolve as the evaluador's jefe, and those with a parcial they owe as the
    /// evaluador of its stretch (after a change of jefe, the one who leaves). Bounded queries: a jefe of thousands
    /// still gets a page in a fixed number of queries.
    static func mias(_ actor: Actor, limite: Int = 300, on db: any Database) async throws -> [EvaluacionEDL] {
        guard let yo = actor.servidorID else { return [] }
        let propias = try await EvaluacionEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID)
            .filter(\.$servidor.$id == yo).filter(\.$estado != .cerrada).sort(\.$createdAt, .descending).limit(50).all()
        let abiertas: [EstadoEDL] = EstadoEDL.allCases.filter { $0 != .enFirme && $0 != .cerrada }
        let aCargo = try await EvaluacionEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID)
            .filter(\.$estado ~~ abiertas)
            .group(.or) { $0.filter(\.$evaluador.$id == yo).filter(\.$comision.$id == yo) }
            .filter(\.$servidor.$id != yo)
            .sort(\.$venceConcertacion).sort(\.$id).limit(limite).all()
        let apelaciones = try await EvaluacionEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID)
            .filter(\.$estado == .enApelacion)
            .join(Servidor.self, on: \EvaluacionEDL.$evaluador.$id == \Servidor.$id)
            .filter(Servidor.self, \.$jefe.$id == yo).limit(limite).all()
        let parciales = try await EvaluacionEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID)
            .filter(\.$estado == .enSeguimiento)
            .join(TramoEDL.self, on: \EvaluacionEDL.$id == \TramoEDL.$evaluacion.$id)
            .filter(TramoEDL.self, \.$estado == .abierto).filter(TramoEDL.self, \.$evaluador.$id == yo)
            .limit(limite).all()
        var vistos = Set<UUID>()
        return (propias + aCargo + apelaciones + parciales).filter { vistos.insert($0.id!).inserted }
    }

    /// How many open evaluations the actor has as evaluador or comisión (to say when the list is cut).
    static func cuantasACargo(_ actor: Actor, on db: any Database) async throws -> Int {
        guard let yo = actor.servidorID else { return 0 }
        let abiertas: [EstadoEDL] = EstadoEDL.allCases.filter { $0 != .enFirme && $0 != .cerrada }
        return try await EvaluacionEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$estado ~~ abiertas)
            .group(.or) { $0.filter(\.$evaluador.$id == yo).filter(\.$comision.$id == yo) }.filter(\.$servidor.$id != yo).count()
    }
}
