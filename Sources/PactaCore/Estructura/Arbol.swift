/// Depth-first order of a tree given as (id, parent) pairs, as an organigrama is read:
/// each node followed by its children, siblings by `orden`.
public enum Arbol {
    public struct Nodo<ID: Hashable & Sendable>: Sendable {
        public let id: ID
        public let padre: ID?
        public let orden: String
        public init(id: ID, padre: ID?, orden: String) {
            self.id = id
            self.padre = padre
            self.orden = orden
        }
    }

    public struct Posicion<ID: Hashable & Sendable>: Sendable, Equatable {
        public let id: ID
        public let nivel: Int
    }

    /// Roots are nodes without a parent or whose parent is not in the list. Nodes caught in a cycle
    /// (which the application prevents, but data may still hold) are listed at the end as roots.
    public static func recorrido<ID>(_ nodos: [Nodo<ID>]) -> [Posicion<ID>] {
        let ids = Set(nodos.map(\.id))
        var hijos: [ID: [Nodo<ID>]] = [:]
        var raices: [Nodo<ID>] = []
        for n in nodos {
            if let p = n.padre, ids.contains(p), p != n.id { hijos[p, default: []].append(n) } else { raices.append(n) }
        }
        var resultado: [Posicion<ID>] = []
        var vistos: Set<ID> = []
        func visitar(_ n: Nodo<ID>, _ nivel: Int) {
            guard vistos.insert(n.id).inserted else { return }
            resultado.append(Posicion(id: n.id, nivel: nivel))
            for h in (hijos[n.id] ?? []).sorted(by: { $0.orden < $1.orden }) { visitar(h, nivel + 1) }
        }
        for r in raices.sorted(by: { $0.orden < $1.orden }) { visitar(r, 0) }
        for n in nodos.sorted(by: { $0.orden < $1.orden }) where !vistos.contains(n.id) { visitar(n, 0) }
        return resultado
    }

    /// The chain from the root down to the node (inclusive), stopping at cycles.
    public static func ruta<ID>(hasta id: ID, padres: [ID: ID]) -> [ID] {
        var ruta: [ID] = [id]
        var vistos: Set<ID> = [id]
        var actual = padres[id]
        while let p = actual, vistos.insert(p).inserted {
            ruta.insert(p, at: 0)
            actual = padres[p]
        }
        return ruta
    }
}
