// Queries as people type them in chat, each with the seed paper (by exact title) it should find.

export interface EvalQuery {
  query: string;
  title: string;
  /** What the query exercises, for reading failures. */
  kind: "topic" | "typo" | "partial" | "author" | "acronym" | "filter";
}

export const SEARCH_QUERIES: readonly EvalQuery[] = [
  {
    kind: "acronym",
    query: "lamb optimizer bert",
    title: "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes",
  },
  {
    kind: "topic",
    query: "merging models interference sign conflicts",
    title: "Resolving Interference When Merging Models",
  },
  { kind: "topic", query: "fisher merging", title: "Merging Models with Fisher-Weighted Averaging" },
  {
    kind: "topic",
    query: "how many local steps in local sgd",
    title: "The Role of Local Steps in Local SGD",
  },
  {
    kind: "topic",
    query: "overparameterized local sgd faster",
    title: "Faster Convergence of Local SGD for Over-Parameterized Models",
  },
  {
    kind: "typo",
    query: "extreme low bit vector quantisation",
    title: "VPTQ: Extreme Low-bit Vector Post-Training Quantization for Large Language Models",
  },
  {
    kind: "topic",
    query: "kolmogorov compression code generation",
    title: "The KoLMogorov Test: Compression by Code Generation",
  },
  {
    kind: "topic",
    query: "lip sync diffusion transformer",
    title: "OmniSync: Towards Universal Lip Synchronization via Diffusion Transformers",
  },
  {
    kind: "topic",
    query: "talking head synchronization nerf",
    title: "SyncTalk: The Devil is in the Synchronization for Talking Head Synthesis",
  },
  { kind: "acronym", query: "jax marl environments", title: "JaxMARL: Multi-Agent RL Environments in JAX" },
  {
    kind: "topic",
    query: "fighting game benchmark multi agent",
    title: "FightLadder: A Benchmark for Competitive Multi-Agent Reinforcement Learning",
  },
  {
    kind: "acronym",
    query: "gsm8k small model 7b",
    title: "Orca-Math: Unlocking the potential of SLMs in Grade School Math",
  },
  {
    kind: "acronym",
    query: "heatmap mcts tsp",
    title: 'Rethinking the "Heatmap + Monte Carlo Tree Search" Paradigm for Solving Large Scale TSP',
  },
  {
    kind: "topic",
    query: "llm without matrix multiplication",
    title: "Scalable MatMul-free Language Modeling",
  },
  {
    kind: "topic",
    query: "rag lego modules",
    title: "Modular RAG: Transforming RAG Systems into LEGO-like Reconfigurable Frameworks",
  },
  {
    kind: "topic",
    query: "multilingual rag benchmark arena",
    title: "MIRAGE-Bench: Automatic Multilingual Benchmark Arena for Retrieval-Augmented Generation Systems",
  },
  {
    kind: "partial",
    query: "kv cache compression across lay",
    title: "MiniCache: KV Cache Compression in Depth Dimension for Large Language Models",
  },
  {
    kind: "acronym",
    query: "gpt4v level model on a phone",
    title: "MiniCPM-V: A GPT-4V Level MLLM on Your Phone",
  },
  {
    kind: "topic",
    query: "lightning attention test time compute",
    title: "MiniMax-M1: Scaling Test-Time Compute Efficiently with Lightning Attention",
  },
  {
    kind: "partial",
    query: "remove objects from vid",
    title: "MiniMax-Remover: Taming Bad Noise Helps Video Object Removal",
  },
  {
    kind: "topic",
    query: "ring-1t trillion thinking rl",
    title: "Every Step Evolves: Scaling Reinforcement Learning for Trillion-Scale Thinking Model",
  },
  {
    kind: "topic",
    query: "three body problem timestep rl",
    title:
      "Reinforcement Learning for Adaptive Time-Stepping in the Chaotic Gravitational Three-Body Problem",
  },
  {
    kind: "topic",
    query: "mamba chaotic systems physics",
    title: "Mamba Integrated with Physics Principles Masters Long-term Chaotic System Forecasting",
  },
  {
    kind: "topic",
    query: "lr scheduler independent of batch size",
    title: "Power Scheduler: A Batch Size and Token Number Agnostic Learning Rate Scheduler",
  },
  {
    kind: "topic",
    query: "distilling rationales small models less data",
    title:
      "Distilling Step-by-Step! Outperforming Larger Language Models with Less Training Data and Smaller Model Sizes",
  },
  {
    kind: "acronym",
    query: "minitron pruning distillation",
    title: "Compact Language Models via Pruning and Knowledge Distillation",
  },
  {
    kind: "topic",
    query: "training without all-reduce",
    title: "NoLoCo: No-all-reduce Low Communication Training Method for Large Models",
  },
  {
    kind: "partial",
    query: "streaming diloco overlap",
    title: "Streaming DiLoCo with overlapping communication: Towards a Distributed Free Lunch",
  },
  {
    kind: "topic",
    query: "nash equilibrium independent learners stochastic games",
    title:
      "Scalable and Independent Learning of Nash Equilibrium Policies in n-Player Stochastic Games with Unknown Independent Chains",
  },
  {
    kind: "topic",
    query: "crowdsourcing top two answers",
    title: "Recovering Top-Two Answers and Confusion Probability in Multi-Choice Crowdsourcing",
  },
  {
    kind: "topic",
    query: "best of n pass@k minimax",
    title: "Best-of-Majority: Minimax-Optimal Strategy for Pass@k Inference Scaling",
  },
  {
    kind: "topic",
    query: "differential privacy best arm",
    title: "Fixed-Budget Differentially Private Best Arm Identification",
  },
  {
    kind: "topic",
    query: "optimizers and quantization outliers",
    title: "Beyond Outliers: A Study of Optimizers Under Quantization",
  },
  {
    kind: "typo",
    query: "evolutionary compresion search",
    title: "EvoPress: Towards Optimal Dynamic Model Compression via Evolutionary Search",
  },
  {
    kind: "topic",
    query: "fine tuning small llms guide",
    title: "Unveiling the Secret Recipe: A Guide For Supervised Fine-Tuning Small LLMs",
  },
  {
    kind: "topic",
    query: "diffusion policy rlbench single gpu",
    title: "Train a Multi-Task Diffusion Policy on RLBench-18 in One Day with One GPU",
  },
  {
    kind: "topic",
    query: "small pretrained time series forecaster",
    title:
      "Tiny Time Mixers (TTMs): Fast Pre-trained Models for Enhanced Zero/Few-Shot Forecasting of Multivariate Time Series",
  },
  {
    kind: "partial",
    query: "teachmyag",
    title: "TeachMyAgent: a Benchmark for Automatic Curriculum Learning in Deep RL",
  },
  {
    kind: "topic",
    query: "theorem proving subgoals",
    title: "SubgoalXL: Subgoal-based Expert Learning for Theorem Proving",
  },
  {
    kind: "topic",
    query: "olympiad math contamination",
    title:
      "Leveraging Online Olympiad-Level Math Problems for LLMs Training and Contamination-Resistant Evaluation",
  },
  {
    kind: "topic",
    query: "full duplex spoken dialogue llm",
    title: "Beyond Turn-Based Interfaces: Synchronous LLMs as Full-Duplex Dialogue Agents",
  },
  {
    kind: "typo",
    query: "reinforcment learning memory mapping",
    title: "Optimizing Memory Mapping Using Deep Reinforcement Learning",
  },
  {
    kind: "topic",
    query: "load balancing loss moe",
    title:
      "Demons in the Detail: On Implementing Load Balancing Loss for Training Specialized Mixture-of-Expert Models",
  },
  {
    kind: "author",
    query: "author:etesami undirected",
    title: "Communication-efficient Decentralized Local SGD over Undirected Networks",
  },
  {
    kind: "author",
    query: "qin theta resonance",
    title: "Theta-Resonance: A Single-Step Reinforcement Learning Method for Design Space Exploration",
  },
  {
    kind: "filter",
    query: "org:minimax agentic coding",
    title: "The MiniMax-M2 Series: Mini Activations Unleashing Max Real-World Intelligence",
  },
  {
    kind: "topic",
    query: "rectified flow image restoration",
    title: "Posterior-Mean Rectified Flow: Towards Minimum MSE Photo-Realistic Image Restoration",
  },
  {
    kind: "topic",
    query: "weight standardization small batches",
    title: "Micro-Batch Training with Batch-Channel Normalization and Weight Standardization",
  },
  {
    kind: "typo",
    query: "multigrid vidoe training",
    title: "A Multigrid Method for Efficiently Training Video Models",
  },
  {
    kind: "topic",
    query: "information bottleneck generalization",
    title: "How Does Information Bottleneck Help Deep Learning?",
  },
  {
    kind: "topic",
    query: "bilevel unbounded smoothness",
    title: "Bilevel Optimization under Unbounded Smoothness: A New Algorithm and Convergence Analysis",
  },
  {
    kind: "partial",
    query: "audio video joint generati",
    title: "Harmony: Harmonizing Audio and Video Generation through Cross-Task Synergy",
  },
  {
    kind: "acronym",
    query: "slm math mcts self evolution",
    title: "rStar-Math: Small LLMs Can Master Math Reasoning with Self-Evolved Deep Thinking",
  },
  { kind: "topic", query: "layer norm recurrent nets", title: "Layer Normalization" },
  {
    kind: "typo",
    query: "recursive transfomers parameter sharing",
    title: "Relaxed Recursive Transformers: Effective Parameter Sharing with Layer-wise LoRA",
  },
  {
    kind: "typo",
    query: "federatd full parameter tunin",
    title: "Ferret: Federated Full-Parameter Tuning at Scale for Large Language Models",
  },
  {
    kind: "typo",
    query: "hypernetwrk parametrization",
    title: "Magnitude Invariant Parametrizations Improve Hypernetwork Learning",
  },
  {
    kind: "topic",
    query: "class incremental learning pretrained model surgery",
    title: "MOS: Model Surgery for Pre-Trained Model-Based Class-Incremental Learning",
  },
  {
    kind: "topic",
    query: "stop others merging my model",
    title: "Model Unmerging: Making Your Models Unmergeable for Secure Model Sharing",
  },
  {
    kind: "typo",
    query: "sparse continual learnig on edge",
    title: "SparCL: Sparse Continual Learning on the Edge",
  },
  {
    kind: "topic",
    query: "on device moe serving dual routing",
    title: "D²MoE: Dual Routing and Dynamic Scheduling for Efficient On-Device MoE-based LLM Serving",
  },
  {
    kind: "topic",
    query: "capacity gap teacher student distillation",
    title: "Towards the Law of Capacity Gap in Distilling Language Models",
  },
  {
    kind: "topic",
    query: "coresets for data mixtures",
    title: "Mini-batch Coresets for Memory-efficient Language Model Training on Data Mixtures",
  },
  {
    kind: "topic",
    query: "adversarial minority influence",
    title: "Attacking Cooperative Multi-Agent Reinforcement Learning by Adversarial Minority Influence",
  },
  {
    kind: "partial",
    query: "scheduler for llm serving sla guarant",
    title: "Past-Future Scheduler for LLM Serving under SLA Guarantees",
  },
  {
    kind: "topic",
    query: "prefix sharing batched llm inference",
    title:
      "BatchLLM: Optimizing Large Batched LLM Inference with Global Prefix Sharing and Throughput-oriented Token Batching",
  },
  {
    kind: "topic",
    query: "optimization modeling data synthesis",
    title: "OptMATH: A Scalable Bidirectional Data Synthesis Framework for Optimization Modeling",
  },
  { kind: "topic", query: "fair clique", title: "Efficient Maximum Fair Clique Search over Large Networks" },
  {
    kind: "partial",
    query: "submodular dynamic updat",
    title: "Dynamic Constrained Submodular Optimization with Polylogarithmic Update Time",
  },
  {
    kind: "topic",
    query: "pessimism offline rl vs imitation",
    title: "Bridging Offline Reinforcement Learning and Imitation Learning: A Tale of Pessimism",
  },
  {
    kind: "typo",
    query: "decentralised asynchronous accelerated optimization",
    title: "DADAO: Decoupled Accelerated Decentralized Asynchronous Optimization",
  },
  {
    kind: "acronym",
    query: "token dynamics ssm",
    title: "Demystifying the Token Dynamics of Deep Selective State Space Models",
  },
  {
    kind: "topic",
    query: "switching costs online learning",
    title: "Understanding the Role of Feedback in Online Learning with Switching Costs",
  },
  {
    kind: "topic",
    query: "single pass streaming bandits regret",
    title: "Tight Regret Bounds for Single-pass Streaming Multi-armed Bandits",
  },
  {
    kind: "topic",
    query: "random matrix theory batch size",
    title:
      "Learning Rates as a Function of Batch Size: A Random Matrix Theory Approach to Neural Network Training",
  },
  {
    kind: "topic",
    query: "imperfect verifiers resampling",
    title: "Inference Scaling FLaws: The Limits of LLM Resampling with Imperfect Verifiers",
  },
  { kind: "topic", query: "entropy coupling bottleneck", title: "Minimum Entropy Coupling with Bottleneck" },
  {
    kind: "acronym",
    query: "s4d diagonal init",
    title: "On the Parameterization and Initialization of Diagonal State Space Models",
  },
];
