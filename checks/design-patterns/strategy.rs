//! Checks for `exercises/design-patterns/src/strategy.rs`.

mod support;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use design_patterns::strategy::{
    Algorithm, Balancer, IpHash, LeastConnections, LoadBalancer, RoundRobin, Server,
    SmoothWeighted, UnknownAlgorithm,
};
use proptest::prelude::*;
use support::proptest_config;

const CLIENT: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 168, 1, 10));

fn picks(balancer: &mut dyn Balancer, count: usize) -> Vec<Option<usize>> {
    (0..count).map(|_| balancer.pick(CLIENT)).collect()
}

fn servers(weights: &[u32]) -> Vec<Server> {
    weights
        .iter()
        .enumerate()
        .map(|(n, &weight)| Server {
            name: ["a", "b", "c", "d", "e"][n].to_owned(),
            weight,
        })
        .collect()
}

#[test]
fn round_robin_takes_each_server_in_turn() {
    assert_eq!(
        picks(&mut RoundRobin::new(3), 7),
        [
            Some(0),
            Some(1),
            Some(2),
            Some(0),
            Some(1),
            Some(2),
            Some(0)
        ],
        "servers 0, 1, 2, then 0 again"
    );
    assert_eq!(
        picks(&mut RoundRobin::new(0), 2),
        [None, None],
        "no servers, nothing to pick"
    );
}

#[test]
fn smooth_weighted_round_robin_spreads_nginxs_example_as_nginx_does() {
    // nginx's own example: weights 5, 1, 1 give a a b a c a a, not a a a a a b c.
    let sequence: Vec<Option<usize>> = picks(&mut SmoothWeighted::new(&[5, 1, 1]), 14);
    let expected = [0, 0, 1, 0, 2, 0, 0, 0, 0, 1, 0, 2, 0, 0].map(Some);
    assert_eq!(sequence, expected, "two rounds of weights 5, 1, 1");
}

#[test]
fn smooth_weighted_round_robin_never_picks_a_server_of_weight_zero() {
    let sequence = picks(&mut SmoothWeighted::new(&[0, 2, 0, 1]), 6);
    assert_eq!(
        sequence,
        [1, 3, 1, 1, 3, 1].map(Some),
        "two rounds of weights 0, 2, 0, 1: servers 0 and 2 never"
    );
    assert_eq!(
        picks(&mut SmoothWeighted::new(&[0, 0]), 2),
        [None, None],
        "all weights zero: nothing to pick"
    );
}

#[test]
fn least_connections_picks_the_server_with_fewest_requests_in_flight() {
    let mut balancer = LeastConnections::new(3);
    assert_eq!(
        picks(&mut balancer, 3),
        [Some(0), Some(1), Some(2)],
        "all idle: the first of equals each time"
    );
    balancer.finished(1);
    assert_eq!(
        balancer.in_flight(),
        [1, 0, 1],
        "one request each, then server 1's finished"
    );
    assert_eq!(
        balancer.pick(CLIENT),
        Some(1),
        "server 1 has nothing in flight"
    );
    assert_eq!(
        balancer.pick(CLIENT),
        Some(0),
        "all have one; the first of equals"
    );
    balancer.finished(2);
    balancer.finished(2);
    assert_eq!(
        balancer.in_flight(),
        [2, 1, 0],
        "finishing more than was started stays at zero"
    );
}

#[test]
fn ip_hash_sends_each_client_to_the_same_server_every_time() {
    let clients: Vec<IpAddr> = (0..600u32)
        .map(|n| IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + n * 7919)))
        .chain([
            IpAddr::V6(Ipv6Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)),
        ])
        .collect();
    let mut first = IpHash::new(3);
    let mut second = IpHash::new(3);
    let mut per_server = [0; 3];
    for &client in &clients {
        let server = first.pick(client).expect("three servers");
        assert_eq!(
            first.pick(client),
            Some(server),
            "{client} moved between two requests"
        );
        assert_eq!(
            second.pick(client),
            Some(server),
            "another balancer sent {client} elsewhere: the hash must not depend on the instance"
        );
        per_server[server] += 1;
    }
    for (server, &count) in per_server.iter().enumerate() {
        assert!(
            (150..=250).contains(&count),
            "server {server} got {count} of {} clients; a hash should spread them about evenly: {per_server:?}",
            clients.len()
        );
    }
    assert_eq!(
        IpHash::new(0).pick(CLIENT),
        None,
        "no servers, nothing to pick"
    );
}

#[test]
fn algorithms_are_chosen_by_name_and_an_unknown_name_lists_the_known_ones() {
    for algorithm in Algorithm::ALL {
        assert_eq!(
            algorithm.name().parse(),
            Ok(algorithm),
            "{:?} parses back from its name",
            algorithm.name()
        );
    }
    assert_eq!(
        Algorithm::ALL.map(Algorithm::name),
        [
            "round-robin",
            "weighted-round-robin",
            "least-connections",
            "ip-hash"
        ],
        "the names a configuration file uses"
    );
    let error = "random"
        .parse::<Algorithm>()
        .expect_err("there is no random algorithm");
    assert_eq!(
        error,
        UnknownAlgorithm {
            asked: "random".into()
        },
        "the error keeps the name asked for"
    );
    let message = error.to_string();
    for name in Algorithm::ALL.map(Algorithm::name) {
        assert!(
            message.contains(name),
            "the message should list {name}: {message}"
        );
    }
}

#[test]
fn a_load_balancer_switches_algorithm_while_it_runs() {
    let mut balancer = LoadBalancer::new(
        servers(&[5, 1, 1]),
        "round-robin".parse().expect("a known name"),
    );
    let routed: Vec<_> = (0..4)
        .map(|_| balancer.route(CLIENT).map(str::to_owned))
        .collect();
    assert_eq!(
        routed,
        [Some("a"), Some("b"), Some("c"), Some("a")].map(|name| name.map(str::to_owned)),
        "round robin over a, b and c"
    );

    balancer.switch(Algorithm::WeightedRoundRobin);
    assert_eq!(
        balancer.algorithm(),
        Algorithm::WeightedRoundRobin,
        "the algorithm switched to"
    );
    let routed: String = (0..7)
        .filter_map(|_| balancer.route(CLIENT).map(str::to_owned))
        .collect();
    assert_eq!(
        routed, "aabacaa",
        "after switching, the weights 5, 1, 1 apply"
    );

    balancer.switch(Algorithm::LeastConnections);
    assert_eq!(
        balancer.route(CLIENT),
        Some("a"),
        "least connections starts afresh: nothing in flight, the first of equals"
    );
    assert_eq!(
        balancer.route(CLIENT),
        Some("b"),
        "a has one in flight, b none"
    );
    balancer.finished("a");
    assert_eq!(
        balancer.route(CLIENT),
        Some("a"),
        "a finished its request, so it has the fewest in flight"
    );

    balancer.switch(Algorithm::IpHash);
    let server = balancer.route(CLIENT).map(str::to_owned);
    assert_eq!(
        balancer.route(CLIENT).map(str::to_owned),
        server,
        "one client, one server"
    );
}

proptest! {
    #![proptest_config(proptest_config(300))]

    #[test]
    fn smooth_weighted_round_robin_picks_each_server_its_weight_in_every_round(
        weights in prop::collection::vec(0u32..6, 1..6),
    ) {
        let total: u32 = weights.iter().sum();
        prop_assume!(total > 0);
        let mut balancer = SmoothWeighted::new(&weights);
        let first_round = picks(&mut balancer, total as usize);
        let second_round = picks(&mut balancer, total as usize);
        for (server, &weight) in weights.iter().enumerate() {
            let count = first_round.iter().filter(|&&pick| pick == Some(server)).count();
            prop_assert_eq!(count, weight as usize, "server {} of weights {:?} in {:?}", server, weights, first_round);
        }
        prop_assert_eq!(&first_round, &second_round, "every round of weights {:?} should repeat the first", weights);
    }

    #[test]
    fn least_connections_always_picks_a_server_with_the_fewest_in_flight(
        servers in 1usize..5,
        steps in prop::collection::vec(prop::option::of(0usize..5), 0..40),
    ) {
        let mut balancer = LeastConnections::new(servers);
        let mut in_flight = vec![0u32; servers];
        for step in steps {
            match step {
                None => {
                    let picked = balancer.pick(CLIENT).expect("there are servers");
                    let fewest = *in_flight.iter().min().expect("there are servers");
                    prop_assert_eq!(in_flight[picked], fewest, "picked server {} with {:?} in flight", picked, in_flight);
                    prop_assert_eq!(in_flight.iter().position(|&n| n == fewest), Some(picked), "the first of equals, with {:?} in flight", in_flight);
                    in_flight[picked] += 1;
                }
                Some(server) if server < servers && in_flight[server] > 0 => {
                    balancer.finished(server);
                    in_flight[server] -= 1;
                }
                Some(_) => {}
            }
            prop_assert_eq!(balancer.in_flight(), &in_flight[..], "requests in flight after {:?}", step);
        }
    }
}
